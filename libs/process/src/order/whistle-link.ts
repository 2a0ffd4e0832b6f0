import { required } from '../shared/time';
import type { WhistleConclusion, WhistleWorkflowInput } from '../whistle/model';
import type { DecisionContext } from './decide';
import type { OrderCommand, OrderState, PendingEvent } from './model';
import { refuse } from './validate';

// ------------------------------------------------------------------ whistle (吹哨)

/**
 * The order's whistle is named after the order and its round, so a retried start finds the same
 * workflow instead of blowing a second whistle.
 */
export const whistleIdFor = (state: OrderState) =>
  `${state.orderId}-W${(state.whistle?.round ?? 0) + 1}`;

export function decideWhistleEscalation(
  state: OrderState,
  cmd: Extract<OrderCommand, { type: 'escalateToWhistle' }>,
  ctx: DecisionContext,
): PendingEvent[] {
  const scope = required(ctx.whistleScope, 'whistleScope');
  if (!scope.ok) {
    // The lead must be a street or township: only they blow whistles (街乡吹哨).
    const notStreet = scope.refusals.some((r) => r.code === 'unknown_street');
    refuse(
      notStreet ? 'forbidden' : 'invalid',
      `The whistle would be refused: ${scope.refusals.map((r) => r.explanation).join('; ')}`,
    );
  }
  return [
    {
      type: 'OrderEscalatedToWhistle',
      payload: {
        unitId: state.leadUnitId!,
        whistleId: whistleIdFor(state),
        whistleType: cmd.whistleType,
        summonedUnitIds: [...new Set(cmd.summonedUnitIds)],
        title: cmd.title,
      },
    },
  ];
}

/** The whistle an escalation event starts, linked to this order. */
export function whistleInputFor(
  state: OrderState,
  cmd: Extract<OrderCommand, { type: 'escalateToWhistle' }>,
  escalation: Extract<PendingEvent, { type: 'OrderEscalatedToWhistle' }>['payload'],
): WhistleWorkflowInput {
  const { address, communityId, gridId } = state.location;
  return {
    whistleId: escalation.whistleId,
    whistleType: escalation.whistleType,
    streetId: escalation.unitId,
    matterTypeCode: state.matterTypeCode!,
    title: escalation.title,
    description: cmd.description,
    place: { address, ...(communityId ? { communityId } : {}), ...(gridId ? { gridId } : {}) },
    summonedUnitIds: escalation.summonedUnitIds,
    linkedOrderIds: [state.orderId],
  };
}

/**
 * The whistle the order waits for has ended. Solved: the unit now resolves the order, with the
 * whistle's outcome attached (not automatically: the unit reports to the caller, 办结 is its
 * word). Unsolved, escalated or refused: back to the unit, which handles the order as before.
 * A conclusion of any other whistle (a district whistle, a whistle that only listed the order)
 * changes nothing.
 */
export function decideWhistleConclusion(
  state: OrderState,
  conclusion: WhistleConclusion,
): PendingEvent[] {
  if (state.status === 'closed') return [];
  if (state.whistle?.whistleId !== conclusion.whistleId || state.whistle.status !== 'waiting')
    return [];
  return [
    {
      type: 'OrderWhistleConcluded',
      payload: {
        whistleId: conclusion.whistleId,
        outcome: conclusion.outcome,
        summary: conclusion.summary,
        ...(conclusion.districtWhistleId
          ? { districtWhistleId: conclusion.districtWhistleId }
          : {}),
      },
    },
  ];
}
