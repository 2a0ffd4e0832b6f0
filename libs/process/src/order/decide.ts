import type {
  DeadlinePhase,
  DeadlineResult,
  DispatchLevels,
  LevelsRequest,
  RoutingResult,
  WhistleScopeRequest,
  WhistleScopeResult,
} from '../activities';
import { iso, ms, required } from '../shared/time';
import {
  closed,
  escalationField,
  pick,
  reminderInstants,
  toArbitration,
  unitField,
  placeFields,
} from './events';
import { evolve } from './evolve';
import { checkExtension } from './validate';
import { dispatchFromRouting } from './intake';
import type { OrderCommand, OrderState, PendingEvent } from './model';
import { decideWhistleEscalation } from './whistle-link';

/**
 * `decide`: a validated action and what was looked up for it become events. `needsFor` says
 * which lookups (activities) the workflow runs first: deadlines come from the working calendar
 * there, never from a calendar here.
 */

// ------------------------------------------------------------------ what each action needs from outside

export interface DecisionNeeds {
  deadlines?: DeadlinePhase;
  /** Where the deadline phase's clock starts, when not at the action (an extension: the limit). */
  deadlinesFrom?: string;
  routing?: boolean;
  /** Three-level orders: who returned it, with what words (the push-down check, 自上而下派回街道). */
  returnedBy?: { unitId: string; explanation: string };
  /** Three-level orders: the levels of a lead a person chose, and the push-down check. */
  levels?: Omit<LevelsRequest, 'matterTypeCode' | 'receivedAt'>;
  /** The whistle scope check (吹哨范围) for an escalation to a whistle. */
  whistleScope?: WhistleScopeRequest;
}

/** The lookups (activities) the workflow must run before `decide` for this action. */
export function needsFor(state: OrderState, cmd: OrderCommand): DecisionNeeds {
  switch (cmd.type) {
    case 'acknowledge':
      return { deadlines: 'acknowledge' };
    case 'return': {
      const atLimit = state.returnedByUnitIds.length + 1 >= state.policy.maxReturns;
      if (!state.takenBy) return atLimit ? {} : { routing: true, deadlines: 'dispatch' };
      // Three-level orders ask the routing at the limit too: it names the arbiter (区级 or 市级).
      const returnedBy = {
        unitId: cmd.actor.kind === 'unit' ? cmd.actor.unitId : '',
        explanation: cmd.explanation,
      };
      return atLimit
        ? { routing: true, returnedBy }
        : { routing: true, deadlines: 'dispatch', returnedBy };
    }
    case 'resolve':
      return { deadlines: 'callback' };
    case 'requestExtension':
      return state.policy.extensionLimitLookup
        ? { deadlines: 'extension', deadlinesFrom: state.deadlines.handleBy! }
        : {};
    case 'dispatchManually':
    case 'decideArbitration':
      if (!state.takenBy) return { deadlines: 'dispatch' };
      return {
        deadlines: 'dispatch',
        levels: {
          leadUnitId: cmd.leadUnitId,
          // The arbiter decides an arbitration; the taking centre dispatches by hand.
          ...(cmd.type === 'decideArbitration' && state.arbiter
            ? { fromUnitId: state.arbiter.unitId }
            : {}),
          takenBy: state.takenBy,
          reason: cmd.note ?? '',
        },
      };
    case 'recordCallback':
      return reworkNeeded(state, cmd) ? { deadlines: 'acknowledge' } : {};
    case 'escalateToWhistle':
      return {
        whistleScope: {
          matterTypeCode: state.matterTypeCode ?? '',
          streetId: state.leadUnitId ?? '',
          summonedUnitIds: cmd.summonedUnitIds,
        },
      };
    default:
      return {};
  }
}

export interface DecisionContext {
  now: number;
  deadlines?: DeadlineResult;
  routing?: RoutingResult;
  /** Three-level orders: the levels of a lead a person chose. */
  levels?: DispatchLevels;
  whistleScope?: WhistleScopeResult;
}

function reworkNeeded(
  state: OrderState,
  cmd: Extract<OrderCommand, { type: 'recordCallback' }>,
): boolean {
  if (!cmd.reached) return false;
  const unsolved = cmd.solved === false;
  const unitFault = cmd.satisfaction === 'dissatisfied' && cmd.unitAtFault !== false;
  return (unsolved || unitFault) && state.reworkRounds < state.policy.maxReworkRounds;
}

/** Turns a validated action into events. Call `validate` first. */
export function decide(state: OrderState, cmd: OrderCommand, ctx: DecisionContext): PendingEvent[] {
  const now = ctx.now;
  const unitId = cmd.actor.kind === 'unit' ? cmd.actor.unitId : undefined;
  switch (cmd.type) {
    case 'acknowledge': {
      const d = required(ctx.deadlines, 'deadlines');
      return [
        {
          type: 'OrderAcknowledged',
          payload: {
            unitId: unitId!,
            withinLimit: now <= ms(state.deadlines.acknowledgeBy),
            deadlines: pick(d, ['respondBy', 'handleBy']),
            reminders: reminderInstants(iso(now), d.handleBy, d.reminderFractions),
          },
        },
      ];
    }
    case 'return': {
      const returnCount = state.returnedByUnitIds.length + 1;
      const returned: PendingEvent = {
        type: 'OrderReturned',
        payload: { unitId: unitId!, reason: cmd.reason, explanation: cmd.explanation, returnCount },
      };
      if (returnCount >= state.policy.maxReturns) {
        const routed = ctx.routing?.kind === 'arbitration' ? ctx.routing : undefined;
        return [
          returned,
          toArbitration(
            state,
            [...state.returnedByUnitIds, unitId!],
            routed
              ? `已退单${returnCount}次，提交争议裁定（${routed.arbiterLevel === 'city' ? '市级' : '区级'}）`
              : `${returnCount} returns: the centre decides (争议裁定)`,
            routed,
          ),
        ];
      }
      return [
        returned,
        ...dispatchFromRouting(
          state,
          required(ctx.routing, 'routing'),
          ctx,
          state.dispatchAttempt + 1,
          [...state.returnedByUnitIds, unitId!],
        ),
      ];
    }
    case 'respond':
      return [
        {
          type: 'OrderResponded',
          payload: {
            unitId: unitId!,
            withinLimit: now <= ms(state.deadlines.respondBy),
            note: cmd.note,
          },
        },
      ];
    case 'reportProgress':
      return [{ type: 'ProgressReported', payload: { unitId: unitId!, note: cmd.note } }];
    case 'requestExtension':
      if (state.policy.extensionLimitLookup)
        checkExtension(state, cmd, now, required(ctx.deadlines, 'deadlines').latestHandleBy);
      return [
        {
          type: 'ExtensionRequested',
          payload: {
            unitId: unitId!,
            requestedHandleBy: iso(ms(cmd.requestedHandleBy)),
            reason: cmd.reason,
          },
        },
      ];
    case 'resolve': {
      const events: PendingEvent[] = [];
      if (!state.respondedAt) {
        // Resolving means the caller was contacted: record that first contact now.
        events.push({
          type: 'OrderResponded',
          payload: {
            unitId: unitId!,
            withinLimit: now <= ms(state.deadlines.respondBy),
            note: 'implied by the resolution',
          },
        });
      }
      events.push({
        type: 'OrderResolved',
        payload: {
          unitId: unitId!,
          outcome: cmd.outcome,
          summary: cmd.summary,
          withinLimit: now <= ms(state.deadlines.handleBy),
          round: state.reworkRounds + 1,
          callbackDueAt: required(
            required(ctx.deadlines, 'deadlines').callbackDueAt,
            'callbackDueAt',
          ),
          ...(state.whistle
            ? { whistle: { whistleId: state.whistle.whistleId, outcome: state.whistle.status } }
            : {}),
        },
      });
      return events;
    }
    case 'requestExclusion':
      return [
        {
          type: 'ExclusionRequested',
          payload: { unitId: unitId!, reason: cmd.reason, explanation: cmd.explanation },
        },
      ];
    case 'dispatchManually':
    case 'decideArbitration': {
      const d = required(ctx.deadlines, 'deadlines');
      return [
        {
          type: 'OrderDispatched',
          payload: {
            leadUnitId: cmd.leadUnitId,
            assistingUnitIds: cmd.assistingUnitIds ?? [],
            supervisingUnitIds: state.supervisingUnitIds,
            attempt: state.dispatchAttempt + 1,
            rule:
              cmd.note ??
              (cmd.type === 'dispatchManually' ? 'manual dispatch by the centre' : 'arbitration'),
            dispatchedBy: cmd.type === 'dispatchManually' ? 'supervisor' : 'arbitration',
            ...placeFields(state),
            deadlines: pick(
              d,
              cmd.type === 'decideArbitration' ? ['acknowledgeBy'] : ['acknowledgeBy', 'returnBy'],
            ),
            ...(state.takenBy && ctx.levels ? ctx.levels : {}),
          },
        },
      ];
    }
    case 'decideExtension': {
      const requested = state.extension!.requestedHandleBy;
      const previous = state.deadlines.handleBy!;
      return [
        {
          type: 'ExtensionDecided',
          payload: {
            approved: cmd.approve,
            note: cmd.note,
            handleBy: cmd.approve ? requested : previous,
            previousHandleBy: previous,
          },
        },
      ];
    }
    case 'urge':
      return [
        { type: 'OrderUrged', payload: { note: cmd.note, ...unitField(state), automatic: false } },
      ];
    case 'supervise':
      return [
        {
          type: 'OrderEscalated',
          payload: {
            note: cmd.note,
            ...unitField(state),
            automatic: false,
            ...escalationField(state),
          },
        },
      ];
    case 'decideExclusion': {
      const events: PendingEvent[] = [
        { type: 'ExclusionDecided', payload: { approved: cmd.approve, note: cmd.note } },
      ];
      if (state.closeWhenExclusionDecided) {
        events.push(
          closed(
            {
              ...state,
              exclusion: { ...state.exclusion!, status: cmd.approve ? 'approved' : 'denied' },
            },
            'completed',
          ),
        );
      }
      return events;
    }
    case 'recordCallback':
      return decideCallback(state, cmd, ctx);
    case 'terminate':
      return [
        { type: 'OrderTerminated', payload: { reason: cmd.reason } },
        closed(state, 'terminated'),
      ];
    case 'escalateToWhistle':
      return decideWhistleEscalation(state, cmd, ctx);
  }
}

function decideCallback(
  state: OrderState,
  cmd: Extract<OrderCommand, { type: 'recordCallback' }>,
  ctx: DecisionContext,
): PendingEvent[] {
  const attempt = state.callbackAttempts + 1;
  const recorded: PendingEvent = {
    type: 'CallbackRecorded',
    payload: {
      attempt,
      reached: cmd.reached,
      ...(cmd.reached ? { solved: cmd.solved, satisfaction: cmd.satisfaction } : {}),
      ...(cmd.unitAtFault !== undefined ? { unitAtFault: cmd.unitAtFault } : {}),
      note: cmd.note ?? '',
    },
  };
  const after = evolve(state, recorded, ctx.now);
  if (!cmd.reached) {
    return attempt >= state.policy.maxCallbackAttempts
      ? [recorded, ...closeAfterCallback(after)]
      : [recorded];
  }
  if (reworkNeeded(state, cmd)) {
    const d = required(ctx.deadlines, 'deadlines');
    return [
      recorded,
      {
        type: 'OrderReworked',
        payload: {
          unitId: state.leadUnitId!,
          round: state.reworkRounds + 1,
          reason:
            cmd.solved === false
              ? 'the caller says it is not solved'
              : 'the caller is dissatisfied through the unit\u2019s fault',
          deadlines: pick(d, ['respondBy', 'handleBy']),
        },
      },
    ];
  }
  return [recorded, ...closeAfterCallback(after)];
}

function closeAfterCallback(state: OrderState): PendingEvent[] {
  // A pending exclusion request is decided before the order closes, so scores are final.
  return state.exclusion?.status === 'pending' ? [] : [closed(state, 'completed')];
}
