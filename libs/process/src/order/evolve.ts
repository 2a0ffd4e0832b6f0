import type { DispatchLevels, OrderPolicy } from '../activities';
import { iso } from '../shared/time';
import type { OrderState, OrderWorkflowInput, PendingEvent } from './model';

export function initialState(input: OrderWorkflowInput, policy: OrderPolicy): OrderState {
  return {
    orderId: input.orderId,
    status: 'received',
    urgency: input.urgency,
    category: input.category,
    ...(input.matterTypeCode ? { matterTypeCode: input.matterTypeCode } : {}),
    location: input.location,
    receivedAt: input.receivedAt,
    ...(input.takenBy ? { takenBy: input.takenBy } : {}),
    assistingUnitIds: [],
    supervisingUnitIds: [],
    dispatchAttempt: 0,
    returnable: true,
    returnedByUnitIds: [],
    deadlines: {},
    reminderFractions: [],
    maxExtensionFactor: 1,
    extensionsGranted: 0,
    callbackAttempts: 0,
    reworkRounds: 0,
    progressNotes: 0,
    closeWhenExclusionDecided: false,
    breaches: [],
    firedTimers: [],
    timeline: [],
    policy,
  };
}

// ------------------------------------------------------------------ evolve

/** Applies one event to the state. Pure: returns a new state. */
export function evolve(state: OrderState, event: PendingEvent, now: number): OrderState {
  const at = iso(now);
  const s: OrderState = { ...state };
  switch (event.type) {
    case 'OrderReceived':
      return s;
    case 'OrderFiltered':
      return s;
    case 'OrderQueuedForManualDispatch':
      return {
        ...s,
        status: 'awaiting_dispatch',
        deadlines: {
          ...(event.payload.dispatchBy ? { dispatchBy: event.payload.dispatchBy } : {}),
        },
      };
    case 'OrderDispatched': {
      const p = event.payload;
      return {
        ...s,
        status: 'dispatched',
        leadUnitId: p.leadUnitId,
        assistingUnitIds: p.assistingUnitIds,
        supervisingUnitIds: p.supervisingUnitIds,
        dispatchAttempt: p.attempt,
        returnable: p.dispatchedBy !== 'arbitration',
        deadlines: { ...p.deadlines },
        ...(s.takenBy ? { levels: levelsOf(p) } : {}),
      };
    }
    case 'OrderReturned':
      return { ...s, returnedByUnitIds: [...s.returnedByUnitIds, event.payload.unitId] };
    case 'OrderSentToArbitration': {
      const p = event.payload;
      return {
        ...s,
        status: 'in_arbitration',
        deadlines: {},
        ...(p.arbiterUnitId && p.arbiterLevel
          ? { arbiter: { unitId: p.arbiterUnitId, level: p.arbiterLevel } }
          : {}),
      };
    }
    case 'OrderAcknowledged':
      return {
        ...s,
        status: 'acknowledged',
        acknowledgedAt: at,
        deadlines: { ...s.deadlines, ...event.payload.deadlines },
        reminderFractions: uniqueFractions(event.payload.reminders.map((r) => r.fraction)),
      };
    case 'OrderResponded':
      return {
        ...s,
        status: s.status === 'acknowledged' ? 'responded' : s.status,
        respondedAt: at,
        respondedWithinLimit: event.payload.withinLimit,
      };
    case 'ProgressReported':
      return {
        ...s,
        status: s.status === 'resolved' ? s.status : 'in_progress',
        progressNotes: s.progressNotes + 1,
      };
    case 'ExtensionRequested':
      return {
        ...s,
        extension: {
          status: 'pending',
          requestedHandleBy: event.payload.requestedHandleBy,
          reason: event.payload.reason,
        },
      };
    case 'ExtensionDecided':
      return {
        ...s,
        extension: { ...s.extension!, status: event.payload.approved ? 'approved' : 'denied' },
        extensionsGranted: s.extensionsGranted + (event.payload.approved ? 1 : 0),
        deadlines: { ...s.deadlines, handleBy: event.payload.handleBy },
      };
    case 'DeadlineReminded':
      return s;
    case 'DeadlineBreached':
      return {
        ...s,
        breaches: s.breaches.includes(event.payload.kind)
          ? s.breaches
          : [...s.breaches, event.payload.kind],
      };
    case 'OrderUrged':
    case 'OrderEscalated':
      return s;
    case 'OrderResolved':
      return {
        ...s,
        status: 'resolved',
        resolvedAt: at,
        resolvedWithinLimit: event.payload.withinLimit,
        resolution: { outcome: event.payload.outcome, summary: event.payload.summary },
        deadlines: { ...s.deadlines, callbackDueAt: event.payload.callbackDueAt },
      };
    case 'CallbackRecorded': {
      const p = event.payload;
      return {
        ...s,
        callbackAttempts: p.attempt,
        callback: p.reached
          ? {
              answered: true,
              ...(p.solved !== undefined ? { solved: p.solved } : {}),
              ...(p.satisfaction ? { satisfaction: p.satisfaction } : {}),
            }
          : s.callback,
        closeWhenExclusionDecided:
          s.exclusion?.status === 'pending' &&
          (p.reached || p.attempt >= s.policy.maxCallbackAttempts),
      };
    }
    case 'OrderReworked':
      return {
        ...s,
        status: 'acknowledged',
        reworkRounds: event.payload.round,
        acknowledgedAt: at,
        respondedAt: undefined,
        resolvedAt: undefined,
        resolution: undefined,
        callback: undefined,
        callbackAttempts: 0,
        extension: undefined,
        extensionsGranted: 0,
        deadlines: { ...event.payload.deadlines },
      };
    case 'ExclusionRequested':
      return {
        ...s,
        exclusion: {
          status: 'pending',
          reason: event.payload.reason,
          explanation: event.payload.explanation,
        },
      };
    case 'ExclusionDecided':
      return {
        ...s,
        exclusion: { ...s.exclusion!, status: event.payload.approved ? 'approved' : 'denied' },
      };
    case 'OrderTerminated':
      return s;
    case 'OrderClosed':
      return {
        ...s,
        status: 'closed',
        closure: event.payload.closure,
        closeWhenExclusionDecided: false,
      };
    case 'OrderEscalatedToWhistle':
      return {
        ...s,
        status: 'in_progress',
        whistle: {
          whistleId: event.payload.whistleId,
          round: (s.whistle?.round ?? 0) + 1,
          status: 'waiting',
        },
      };
    case 'OrderWhistleConcluded': {
      const p = event.payload;
      return {
        ...s,
        whistle: {
          ...s.whistle!,
          status: p.outcome,
          summary: p.summary,
          ...(p.districtWhistleId ? { districtWhistleId: p.districtWhistleId } : {}),
        },
      };
    }
  }
}

function uniqueFractions(fractions: number[]): number[] {
  return [...new Set(fractions)].sort((a, b) => a - b);
}

/** The three-level facts an OrderDispatched carries (orders taken with `takenBy`). */
function levelsOf(
  p: Extract<PendingEvent, { type: 'OrderDispatched' }>['payload'],
): DispatchLevels {
  return {
    ...(p.districtId ? { districtId: p.districtId } : {}),
    ...(p.leadLevel ? { leadLevel: p.leadLevel } : {}),
    ...(p.dispatchedByUnitId ? { dispatchedByUnitId: p.dispatchedByUnitId } : {}),
    ...(p.enforcement ? { enforcement: p.enforcement } : {}),
    ...(p.escalation ? { escalation: p.escalation } : {}),
    ...(p.pushDown ? { pushDown: p.pushDown } : {}),
  };
}
