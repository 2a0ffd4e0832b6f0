import {
  asOrderEvent,
  type EventEnvelope,
  type OrderReceivedV1,
  unreachable,
} from '@hotline/contracts';

/**
 * The order as its read models show it, folded from its events by a pure function. Times are
 * ISO strings taken from the events, never the clock, so a replay folds to the same snapshot.
 */
export interface OrderSnapshot {
  orderId: string;
  status: string;
  channel: string;
  category: string;
  content: string;
  urgency: string;
  matterTypeCode: string | null;
  address: string;
  streetId: string | null;
  communityId: string | null;
  gridId: string | null;
  receivedAt: string;
  updatedAt: string;
  lastSequence: number;
  leadUnitId: string | null;
  assistingUnitIds: string[];
  supervisingUnitIds: string[];
  dispatchAttempt: number;
  dispatchedAt: string | null;
  districtId: string | null;
  takenByLevel: string | null;
  leadLevel: string | null;
  pushDowns: number;
  pushDownsFlagged: number;
  filterOutcome: string | null;
  filterReason: string | null;
  mergedIntoOrderId: string | null;
  dispatchBy: string | null;
  acknowledgeBy: string | null;
  returnBy: string | null;
  respondBy: string | null;
  handleBy: string | null;
  callbackDueAt: string | null;
  nextDueKind: string | null;
  nextDueAt: string | null;
  acknowledgedAt: string | null;
  respondedAt: string | null;
  respondedWithinLimit: boolean | null;
  resolvedAt: string | null;
  resolvedWithinLimit: boolean | null;
  resolutionOutcome: string | null;
  callbackAttempts: number;
  callbackAnswered: boolean | null;
  callbackSolved: boolean | null;
  callbackSatisfaction: string | null;
  reworkRounds: number;
  returnCount: number;
  extensionStatus: string | null;
  exclusionStatus: string | null;
  breaches: string[];
  firstBreachedAt: string | null;
  reminderCount: number;
  urgeCount: number;
  lastUrgedAt: string | null;
  escalationCount: number;
  lastEscalatedAt: string | null;
  lastEscalationNote: string | null;
  closure: string | null;
  closedAt: string | null;
}

/** Statuses in which a unit holds the order (its inbox) and the centre supervises it. */
export const UNIT_STATUSES = ['dispatched', 'acknowledged', 'responded', 'in_progress', 'resolved'];
const HANDLING = ['acknowledged', 'responded', 'in_progress'];

/**
 * Applies one order event. `previous` is null only before OrderReceived; an event of an order
 * whose OrderReceived never arrived (a gap) returns null: nothing to show without the intake.
 */
export function evolveOrderSnapshot(
  previous: OrderSnapshot | null,
  envelope: EventEnvelope,
): OrderSnapshot | null {
  const event = asOrderEvent(envelope);
  if (event?.type === 'OrderReceived') return received(event.payload, envelope);
  if (!previous) return null;
  const at = envelope.occurredAt;
  const s: OrderSnapshot = { ...previous, updatedAt: at, lastSequence: envelope.sequence };
  // A type this version does not know (a newer producer): keep the row, note the sequence.
  if (!event) return withNextDue(s, at);
  switch (event.type) {
    case 'OrderFiltered': {
      const f = event.payload;
      s.filterOutcome = f.outcome;
      s.filterReason = f.reason ?? null;
      s.mergedIntoOrderId = f.mergedIntoOrderId ?? null;
      break;
    }
    case 'OrderQueuedForManualDispatch':
      s.status = 'awaiting_dispatch';
      s.dispatchBy = event.payload.dispatchBy ?? null;
      break;
    case 'OrderDispatched': {
      const d = event.payload;
      Object.assign(s, clearedLimits(), {
        status: 'dispatched',
        leadUnitId: d.leadUnitId,
        assistingUnitIds: d.assistingUnitIds,
        supervisingUnitIds: d.supervisingUnitIds,
        dispatchAttempt: d.attempt,
        dispatchedAt: at,
        acknowledgeBy: d.deadlines.acknowledgeBy ?? null,
        returnBy: d.deadlines.returnBy ?? null,
      });
      s.matterTypeCode ??= d.matterTypeCode ?? null;
      s.streetId ??= d.streetId ?? null;
      // 三级: orders taken by a centre carry their district and the lead's level.
      if (d.districtId) s.districtId = d.districtId;
      if (d.leadLevel) s.leadLevel = d.leadLevel;
      if (d.pushDown) {
        s.pushDowns += 1;
        if (d.pushDown.flagged) s.pushDownsFlagged += 1;
      }
      break;
    }
    case 'OrderReturned':
      s.returnCount = event.payload.returnCount;
      break;
    case 'OrderSentToArbitration':
      Object.assign(s, clearedLimits(), { status: 'in_arbitration' });
      break;
    case 'OrderAcknowledged': {
      const a = event.payload;
      s.status = 'acknowledged';
      s.acknowledgedAt = at;
      s.respondBy = a.deadlines.respondBy ?? s.respondBy;
      s.handleBy = a.deadlines.handleBy ?? s.handleBy;
      break;
    }
    case 'OrderResponded':
      if (s.status === 'acknowledged') s.status = 'responded';
      s.respondedAt = at;
      s.respondedWithinLimit = event.payload.withinLimit;
      break;
    case 'ProgressReported':
      if (s.status !== 'resolved') s.status = 'in_progress';
      break;
    case 'ExtensionRequested':
      s.extensionStatus = 'pending';
      break;
    case 'ExtensionDecided': {
      const e = event.payload;
      s.extensionStatus = e.approved ? 'approved' : 'denied';
      s.handleBy = e.handleBy;
      break;
    }
    case 'DeadlineReminded':
      s.reminderCount += 1;
      break;
    case 'DeadlineBreached': {
      const kind = event.payload.kind;
      if (!s.breaches.includes(kind)) s.breaches = [...s.breaches, kind];
      s.firstBreachedAt ??= at;
      break;
    }
    case 'OrderUrged':
      s.urgeCount += 1;
      s.lastUrgedAt = at;
      break;
    case 'OrderEscalated':
      s.escalationCount += 1;
      s.lastEscalatedAt = at;
      s.lastEscalationNote = event.payload.note;
      break;
    case 'OrderResolved': {
      const r = event.payload;
      s.status = 'resolved';
      s.resolvedAt = at;
      s.resolvedWithinLimit = r.withinLimit;
      s.resolutionOutcome = r.outcome;
      s.callbackDueAt = r.callbackDueAt;
      break;
    }
    case 'CallbackRecorded': {
      const c = event.payload;
      s.callbackAttempts = c.attempt;
      if (c.reached) {
        s.callbackAnswered = true;
        s.callbackSolved = c.solved ?? null;
        s.callbackSatisfaction = c.satisfaction ?? null;
      } else {
        s.callbackAnswered ??= false;
      }
      break;
    }
    case 'OrderReworked': {
      const w = event.payload;
      Object.assign(s, {
        status: 'acknowledged',
        reworkRounds: w.round,
        acknowledgedAt: at,
        respondedAt: null,
        resolvedAt: null,
        resolutionOutcome: null,
        callbackAttempts: 0,
        callbackAnswered: null,
        callbackSolved: null,
        callbackSatisfaction: null,
        callbackDueAt: null,
        extensionStatus: null,
        respondBy: w.deadlines.respondBy ?? null,
        handleBy: w.deadlines.handleBy ?? null,
      });
      break;
    }
    case 'ExclusionRequested':
      s.exclusionStatus = 'pending';
      break;
    case 'ExclusionDecided':
      s.exclusionStatus = event.payload.approved ? 'approved' : 'denied';
      break;
    case 'OrderTerminated':
      break;
    case 'OrderClosed': {
      const c = event.payload;
      s.status = 'closed';
      s.closure = c.closure;
      s.closedAt = at;
      s.breaches = [...new Set([...s.breaches, ...c.breaches])];
      break;
    }
    case 'OrderEscalatedToWhistle':
    case 'OrderWhistleConcluded':
      break; // the whistle board shows these
    default:
      return unreachable(event);
  }
  return withNextDue(s, at);
}

function received(p: OrderReceivedV1, event: EventEnvelope): OrderSnapshot {
  return {
    orderId: p.orderId,
    status: 'received',
    channel: p.channel,
    category: p.category,
    content: p.content,
    urgency: p.urgency,
    matterTypeCode: p.matterTypeCode ?? null,
    address: p.location.address,
    streetId: p.location.streetId ?? null,
    communityId: p.location.communityId ?? null,
    gridId: p.location.gridId ?? null,
    receivedAt: p.receivedAt,
    updatedAt: event.occurredAt,
    lastSequence: event.sequence,
    leadUnitId: null,
    assistingUnitIds: [],
    supervisingUnitIds: [],
    dispatchAttempt: 0,
    dispatchedAt: null,
    districtId: null,
    takenByLevel: p.takenBy?.level ?? null,
    leadLevel: null,
    pushDowns: 0,
    pushDownsFlagged: 0,
    filterOutcome: null,
    filterReason: null,
    mergedIntoOrderId: null,
    ...clearedLimits(),
    callbackDueAt: null,
    nextDueKind: null,
    nextDueAt: null,
    acknowledgedAt: null,
    respondedAt: null,
    respondedWithinLimit: null,
    resolvedAt: null,
    resolvedWithinLimit: null,
    resolutionOutcome: null,
    callbackAttempts: 0,
    callbackAnswered: null,
    callbackSolved: null,
    callbackSatisfaction: null,
    reworkRounds: 0,
    returnCount: 0,
    extensionStatus: null,
    exclusionStatus: null,
    breaches: [],
    firstBreachedAt: null,
    reminderCount: 0,
    urgeCount: 0,
    lastUrgedAt: null,
    escalationCount: 0,
    lastEscalatedAt: null,
    lastEscalationNote: null,
    closure: null,
    closedAt: null,
  };
}

/** A new dispatch or an arbitration starts the clocks again (as the workflow does). */
function clearedLimits() {
  return {
    dispatchBy: null,
    acknowledgeBy: null,
    returnBy: null,
    respondBy: null,
    handleBy: null,
  };
}

/**
 * What is due next and by when: the obligations of the current status (dispatch, acknowledge,
 * response, handling, the centre's callback), the earliest still ahead of the event's time; if
 * all have passed, the earliest overdue one.
 */
export function withNextDue(s: OrderSnapshot, now: string): OrderSnapshot {
  const due: { kind: string; at: string }[] = [];
  const add = (kind: string, at: string | null) => {
    if (at) due.push({ kind, at });
  };
  if (s.status === 'awaiting_dispatch') add('dispatch', s.dispatchBy);
  if (s.status === 'dispatched') add('acknowledge', s.acknowledgeBy);
  if (HANDLING.includes(s.status)) {
    if (!s.respondedAt) add('response', s.respondBy);
    add('handling', s.handleBy);
  }
  if (s.status === 'resolved') add('callback', s.callbackDueAt);
  const byTime = due.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const next = byTime.find((d) => Date.parse(d.at) > Date.parse(now)) ?? byTime[0];
  return { ...s, nextDueKind: next?.kind ?? null, nextDueAt: next?.at ?? null };
}
