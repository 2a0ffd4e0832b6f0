import type { RoutingResult } from '../activities';
import { required } from '../shared/time';
import type { DecisionContext } from './decide';
import { pick, placeFields, toArbitration } from './events';
import type { OrderState, OrderWorkflowInput, PendingEvent } from './model';

// ------------------------------------------------------------------ intake and dispatch

/** The first events of an order: received, then screened out or on to dispatch. */
export function decideIntake(input: OrderWorkflowInput): PendingEvent[] {
  const received: PendingEvent = {
    type: 'OrderReceived',
    payload: {
      orderId: input.orderId,
      channel: input.channel,
      category: input.category,
      content: input.content,
      urgency: input.urgency,
      location: input.location,
      receivedAt: input.receivedAt,
      ...(input.matterTypeCode ? { matterTypeCode: input.matterTypeCode } : {}),
      // Intake found a risk to life or safety: the kinds travel with the order (never free text).
      ...(input.emergency ? { emergency: { kinds: [...input.emergency.kinds] } } : {}),
      ...(input.takenBy ? { takenBy: input.takenBy } : {}),
      // Brought by a deputy at a station: the item it answers to.
      ...(input.deputyItemId ? { deputyItemId: input.deputyItemId } : {}),
    },
  };
  const s = input.screening;
  if (!s || s.outcome === 'accept') return [received];
  const filtered: PendingEvent = {
    type: 'OrderFiltered',
    payload: {
      outcome: s.outcome,
      explanation: s.explanation,
      decidedBy: s.decidedBy,
      ...(s.outcome === 'rejected' ? { reason: s.reason } : {}),
      ...(s.outcome === 'merged' ? { mergedIntoOrderId: s.intoOrderId } : {}),
    },
  };
  const closure: PendingEvent = {
    type: 'OrderClosed',
    payload: { closure: s.outcome, reworkRounds: 0, returnCount: 0, excluded: false, breaches: [] },
  };
  return [received, filtered, closure];
}

/** Dispatch (派单) by the rules' routing result, or into the manual queue, or to arbitration. */
export function dispatchFromRouting(
  state: OrderState,
  routing: RoutingResult,
  ctx: DecisionContext,
  attempt: number,
  returnedBy: string[] = state.returnedByUnitIds,
): PendingEvent[] {
  if (routing.kind === 'manual') {
    return [
      {
        type: 'OrderQueuedForManualDispatch',
        payload: {
          reason: routing.reason,
          ...(ctx.deadlines?.dispatchBy ? { dispatchBy: ctx.deadlines.dispatchBy } : {}),
        },
      },
    ];
  }
  if (routing.kind === 'arbitration')
    return [toArbitration(state, returnedBy, routing.reason, routing)];
  const d = required(ctx.deadlines, 'deadlines');
  return [
    {
      type: 'OrderDispatched',
      payload: {
        leadUnitId: routing.leadUnitId,
        assistingUnitIds: routing.assistingUnitIds,
        supervisingUnitIds: routing.supervisingUnitIds,
        attempt,
        rule: routing.rule,
        dispatchedBy: 'rules',
        ...placeFields(state),
        ...(routing.streetId ? { streetId: routing.streetId } : {}),
        deadlines: pick(d, ['acknowledgeBy', 'returnBy']),
        ...(routing.levels ?? {}),
      },
    },
  ];
}
