import type { DeadlineKind, OrderStatus } from '@hotline/contracts';
import type {
  DeadlinePhase,
  DeadlineResult,
  OrderPolicy,
  RoutingResult,
  WhistleScopeRequest,
  WhistleScopeResult,
} from '../activities';
import type { WhistleConclusion, WhistleWorkflowInput } from '../whistle/whistle-model';
import {
  type Actor,
  OrderActionRefused,
  type OrderCommand,
  type OrderState,
  type OrderWorkflowInput,
  type PendingEvent,
} from './order-model';

/**
 * The order's rules as pure functions (the decider pattern): `validate` says whether an action
 * may happen now, `decide` turns it into events, `evolve` applies an event to the state, and
 * `dueTimers`/`fireTimer` turn the deadlines into reminders, breaches and escalations.
 * No Temporal API here: the workflow supplies time and the results of lookups.
 */

const HANDLING: OrderStatus[] = ['acknowledged', 'responded', 'in_progress'];
const OPEN_AFTER_DISPATCH: OrderStatus[] = [
  'dispatched',
  'acknowledged',
  'responded',
  'in_progress',
  'resolved',
];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 催办: the reminder notice goes out a day after a handling breach (shared/domain.md §6). */
const URGE_AFTER_BREACH_MS = DAY;
/** If the centre records no callback for this long after it was due, the order closes without one. */
const CALLBACK_GRACE_MS = 3 * DAY;

export function initialState(input: OrderWorkflowInput, policy: OrderPolicy): OrderState {
  return {
    orderId: input.orderId,
    status: 'received',
    urgency: input.urgency,
    category: input.category,
    ...(input.matterTypeCode ? { matterTypeCode: input.matterTypeCode } : {}),
    location: input.location,
    receivedAt: input.receivedAt,
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
    closeWhenExclusionDecided: false,
    breaches: [],
    firedTimers: [],
    timeline: [],
    policy,
  };
}

// ------------------------------------------------------------------ validation

function refuse(code: OrderActionRefused['code'], message: string): never {
  throw new OrderActionRefused(code, message);
}

function requireStatus(state: OrderState, allowed: OrderStatus[], action: string): void {
  if (!allowed.includes(state.status)) {
    refuse(
      'wrong_state',
      `Cannot ${action}: the order is ${state.status} (allowed when ${allowed.join(' or ')})`,
    );
  }
}

function requireLeadUnit(state: OrderState, actor: Actor, action: string): void {
  if (actor.kind !== 'unit') refuse('forbidden', `Only the handling unit can ${action}`);
  if (actor.unitId !== state.leadUnitId) {
    refuse(
      'forbidden',
      `Unit ${actor.unitId} cannot ${action}: order ${state.orderId} is assigned to ${state.leadUnitId ?? 'no unit'}`,
    );
  }
}

function requireSupervisor(actor: Actor, action: string): void {
  if (actor.kind !== 'supervisor')
    refuse('forbidden', `Only the centre's supervisors can ${action}`);
}

function requireText(value: string | undefined, field: string): void {
  if (!value || value.trim().length === 0) refuse('invalid', `${field} is required`);
}

const ms = (iso: string | undefined) => (iso ? Date.parse(iso) : Number.NaN);

/** Throws OrderActionRefused when the action may not happen now; otherwise returns quietly. */
export function validate(state: OrderState, cmd: OrderCommand, now: number): void {
  if (state.status === 'closed') refuse('wrong_state', `Order ${state.orderId} is closed`);
  switch (cmd.type) {
    case 'acknowledge':
      requireStatus(state, ['dispatched'], 'acknowledge (签收)');
      requireLeadUnit(state, cmd.actor, 'acknowledge this order');
      return;
    case 'return': {
      requireStatus(state, ['dispatched'], 'return (退单) — only before acknowledging');
      requireLeadUnit(state, cmd.actor, 'return this order');
      requireText(cmd.reason, 'reason');
      requireText(cmd.explanation, 'explanation');
      if (!state.returnable)
        refuse(
          'forbidden',
          'The centre arbitrated this assignment; its decision is final (no return)',
        );
      if (now > ms(state.deadlines.returnBy)) {
        refuse('too_late', `The return window closed at ${state.deadlines.returnBy}`);
      }
      return;
    }
    case 'respond':
      requireStatus(state, HANDLING, 'record the first contact');
      requireLeadUnit(state, cmd.actor, 'record the first contact');
      if (state.respondedAt)
        refuse('wrong_state', `The first contact was already recorded at ${state.respondedAt}`);
      return;
    case 'reportProgress':
      requireStatus(state, HANDLING, 'report progress');
      requireText(cmd.note, 'note');
      if (
        cmd.actor.kind !== 'unit' ||
        (cmd.actor.unitId !== state.leadUnitId &&
          !state.assistingUnitIds.includes(cmd.actor.unitId))
      ) {
        refuse('forbidden', 'Only the lead or an assisting unit can report progress');
      }
      return;
    case 'requestExtension': {
      requireStatus(state, HANDLING, 'request an extension (延期)');
      requireLeadUnit(state, cmd.actor, 'request an extension');
      requireText(cmd.reason, 'reason');
      const handleBy = ms(state.deadlines.handleBy);
      if (state.extension?.status === 'pending')
        refuse('wrong_state', 'An extension request is already waiting for the centre');
      if (state.extensionsGranted >= state.policy.maxExtensions) {
        refuse('forbidden', `At most ${state.policy.maxExtensions} extension(s) per order`);
      }
      if (now > handleBy)
        refuse(
          'too_late',
          `An extension must be requested before the limit (${state.deadlines.handleBy})`,
        );
      const requested = ms(cmd.requestedHandleBy);
      if (Number.isNaN(requested) || requested <= handleBy) {
        refuse(
          'invalid',
          `requestedHandleBy must be a time after the current limit ${state.deadlines.handleBy}`,
        );
      }
      const window = handleBy - ms(state.acknowledgedAt);
      if (requested > handleBy + window * state.maxExtensionFactor) {
        refuse(
          'invalid',
          `An extension may add at most the original limit again (until ${new Date(handleBy + window * state.maxExtensionFactor).toISOString()})`,
        );
      }
      return;
    }
    case 'resolve':
      requireStatus(state, HANDLING, 'resolve (办结)');
      requireLeadUnit(state, cmd.actor, 'resolve this order');
      requireText(cmd.summary, 'summary');
      requireNoWhistleWaiting(state, 'resolve');
      return;
    case 'requestExclusion':
      requireStatus(state, ['resolved'], 'request exclusion (剔除) — only after resolving');
      requireLeadUnit(state, cmd.actor, 'request exclusion');
      requireText(cmd.reason, 'reason');
      if (state.exclusion)
        refuse('wrong_state', `An exclusion was already requested (${state.exclusion.status})`);
      return;
    case 'dispatchManually':
      requireSupervisor(cmd.actor, 'dispatch manually');
      requireStatus(state, ['awaiting_dispatch'], 'dispatch manually');
      requireText(cmd.leadUnitId, 'leadUnitId');
      return;
    case 'decideArbitration':
      requireSupervisor(cmd.actor, 'decide an arbitration (争议裁定)');
      requireStatus(state, ['in_arbitration'], 'decide an arbitration');
      requireText(cmd.leadUnitId, 'leadUnitId');
      requireText(cmd.note, 'note');
      return;
    case 'decideExtension':
      requireSupervisor(cmd.actor, 'decide an extension');
      if (state.extension?.status !== 'pending')
        refuse('wrong_state', 'No extension request is waiting');
      return;
    case 'urge':
    case 'supervise':
      requireSupervisor(cmd.actor, cmd.type === 'urge' ? 'urge (催办)' : 'supervise (督办)');
      requireStatus(state, OPEN_AFTER_DISPATCH, cmd.type);
      requireText(cmd.note, 'note');
      return;
    case 'decideExclusion':
      requireSupervisor(cmd.actor, 'decide an exclusion');
      if (state.exclusion?.status !== 'pending')
        refuse('wrong_state', 'No exclusion request is waiting');
      return;
    case 'recordCallback':
      if (cmd.actor.kind === 'unit')
        refuse('forbidden', 'Callbacks (回访) are made by the centre, not the unit');
      requireStatus(state, ['resolved'], 'record a callback (回访)');
      if (state.closeWhenExclusionDecided) refuse('wrong_state', 'The callback phase is over');
      if (cmd.reached && (cmd.solved === undefined || cmd.satisfaction === undefined)) {
        refuse('invalid', 'A reached caller must be asked both: solved? and satisfied?');
      }
      return;
    case 'terminate':
      requireSupervisor(cmd.actor, 'terminate (终止办理)');
      requireText(cmd.reason, 'reason');
      return;
    case 'escalateToWhistle':
      requireStatus(state, HANDLING, 'escalate to a whistle (吹哨)');
      requireLeadUnit(state, cmd.actor, 'escalate this order to a whistle');
      requireNoWhistleWaiting(state, 'escalate to another whistle');
      if (!state.matterTypeCode)
        refuse('invalid', 'Only an order with a matter type (事项) can be escalated to a whistle');
      if (!['emergency', 'routine', 'key_task'].includes(cmd.whistleType))
        refuse('invalid', 'whistleType must be emergency, routine or key_task');
      if (!Array.isArray(cmd.summonedUnitIds) || cmd.summonedUnitIds.length === 0)
        refuse('invalid', 'summonedUnitIds: summon at least one department');
      requireText(cmd.title, 'title');
      requireText(cmd.description, 'description');
      return;
  }
}

/** While its whistle runs, the order waits: the departments' outcome comes first. */
function requireNoWhistleWaiting(state: OrderState, action: string): void {
  if (state.whistle?.status === 'waiting') {
    refuse(
      'wrong_state',
      `Cannot ${action}: the order waits for whistle ${state.whistle.whistleId} to end`,
    );
  }
}

// ------------------------------------------------------------------ what each action needs from outside

export interface DecisionNeeds {
  deadlines?: DeadlinePhase;
  routing?: boolean;
  /** The whistle scope check (吹哨范围) for an escalation to a whistle. */
  whistleScope?: WhistleScopeRequest;
}

/** The lookups (activities) the workflow must run before `decide` for this action. */
export function needsFor(state: OrderState, cmd: OrderCommand): DecisionNeeds {
  switch (cmd.type) {
    case 'acknowledge':
      return { deadlines: 'acknowledge' };
    case 'return':
      return state.returnedByUnitIds.length + 1 >= state.policy.maxReturns
        ? {}
        : { routing: true, deadlines: 'dispatch' };
    case 'resolve':
      return { deadlines: 'callback' };
    case 'dispatchManually':
    case 'decideArbitration':
      return { deadlines: 'dispatch' };
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

const iso = (t: number) => new Date(t).toISOString();

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
        return [
          returned,
          toArbitration(
            state,
            [...state.returnedByUnitIds, unitId!],
            `${returnCount} returns: the centre decides (争议裁定)`,
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
          payload: { note: cmd.note, ...unitField(state), automatic: false },
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

function closed(
  state: OrderState,
  closure: 'completed' | 'terminated' | 'rejected' | 'merged' | 'answered_directly',
): PendingEvent {
  return {
    type: 'OrderClosed',
    payload: {
      closure,
      ...unitField(state, 'leadUnitId'),
      ...(state.respondedWithinLimit !== undefined
        ? { respondedWithinLimit: state.respondedWithinLimit }
        : {}),
      ...(state.resolvedWithinLimit !== undefined
        ? { resolvedWithinLimit: state.resolvedWithinLimit }
        : {}),
      ...(state.callback
        ? { callback: state.callback }
        : state.resolvedAt
          ? { callback: { answered: false } }
          : {}),
      reworkRounds: state.reworkRounds,
      returnCount: state.returnedByUnitIds.length,
      excluded: state.exclusion?.status === 'approved',
      breaches: state.breaches,
    },
  };
}

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
  if (routing.kind === 'arbitration') return [toArbitration(state, returnedBy, routing.reason)];
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
      },
    },
  ];
}

function toArbitration(_state: OrderState, returnedBy: string[], reason: string): PendingEvent {
  return { type: 'OrderSentToArbitration', payload: { reason, returnedByUnitIds: returnedBy } };
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
      };
    }
    case 'OrderReturned':
      return { ...s, returnedByUnitIds: [...s.returnedByUnitIds, event.payload.unitId] };
    case 'OrderSentToArbitration':
      return { ...s, status: 'in_arbitration', deadlines: {} };
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
      return { ...s, status: s.status === 'resolved' ? s.status : 'in_progress' };
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

// ------------------------------------------------------------------ whistle (吹哨)

/**
 * The order's whistle is named after the order and its round, so a retried start finds the same
 * workflow instead of blowing a second whistle.
 */
export const whistleIdFor = (state: OrderState) =>
  `${state.orderId}-W${(state.whistle?.round ?? 0) + 1}`;

function decideWhistleEscalation(
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

// ------------------------------------------------------------------ timers

export interface OrderTimer {
  key: string;
  at: number;
  kind: DeadlineKind | 'callback';
  action: 'remind' | 'breach' | 'urge' | 'close_without_callback';
  deadline: string;
  fraction?: number;
}

/** Every reminder, breach and follow-up that the current state still has ahead, earliest first. */
export function pendingTimers(state: OrderState): OrderTimer[] {
  const timers: OrderTimer[] = [];
  const d = state.deadlines;
  const add = (t: OrderTimer) => {
    if (!state.firedTimers.includes(t.key)) timers.push(t);
  };
  const breach = (kind: DeadlineKind, deadline: string | undefined) => {
    if (deadline)
      add({
        key: `${kind}:breach:${deadline}`,
        at: ms(deadline),
        kind,
        action: 'breach',
        deadline,
      });
  };
  switch (state.status) {
    case 'awaiting_dispatch':
      breach('dispatch', d.dispatchBy);
      break;
    case 'dispatched':
      breach('acknowledge', d.acknowledgeBy);
      break;
    case 'acknowledged':
    case 'responded':
    case 'in_progress': {
      if (!state.respondedAt) breach('response', d.respondBy);
      if (d.handleBy && state.acknowledgedAt) {
        const start = ms(state.acknowledgedAt);
        const end = ms(d.handleBy);
        for (const fraction of state.reminderFractions) {
          add({
            key: `handling:remind:${fraction}:${d.handleBy}`,
            at: start + (end - start) * fraction,
            kind: 'handling',
            action: 'remind',
            deadline: d.handleBy,
            fraction,
          });
        }
        breach('handling', d.handleBy);
        if (state.breaches.includes('handling')) {
          add({
            key: `handling:urge:${d.handleBy}`,
            at: end + URGE_AFTER_BREACH_MS,
            kind: 'handling',
            action: 'urge',
            deadline: d.handleBy,
          });
        }
      }
      break;
    }
    case 'resolved':
      if (d.callbackDueAt && !state.closeWhenExclusionDecided) {
        add({
          key: `callback:close:${d.callbackDueAt}`,
          at: ms(d.callbackDueAt) + CALLBACK_GRACE_MS,
          kind: 'callback',
          action: 'close_without_callback',
          deadline: d.callbackDueAt,
        });
      }
      break;
    default:
      break;
  }
  return timers.sort((a, b) => a.at - b.at);
}

/** The next breach deadline (for the NextDeadline search attribute), ignoring reminders. */
export function nextDeadline(state: OrderState): string | undefined {
  return pendingTimers(state).find((t) => t.action === 'breach')?.deadline;
}

/** Events for a timer that came due. The caller marks the timer fired. */
export function fireTimer(state: OrderState, timer: OrderTimer): PendingEvent[] {
  const unit = unitField(state);
  if (timer.kind === 'callback') {
    if (state.exclusion?.status === 'pending') return [];
    return [closed(state, 'completed')];
  }
  switch (timer.action) {
    case 'remind':
      return [
        {
          type: 'DeadlineReminded',
          payload: {
            kind: timer.kind,
            deadline: timer.deadline,
            fraction: timer.fraction ?? 1,
            ...unit,
          },
        },
      ];
    case 'breach':
      return [
        {
          type: 'DeadlineBreached',
          payload: { kind: timer.kind, deadline: timer.deadline, ...unit },
        },
        {
          type: 'OrderEscalated',
          payload: {
            note: `${timer.kind} limit ${timer.deadline} passed: supervised (督办)`,
            ...unit,
            automatic: true,
          },
        },
      ];
    case 'urge':
      return [
        {
          type: 'OrderUrged',
          payload: {
            note: `reminder notice (催办): handling limit ${timer.deadline} passed a day ago`,
            ...unit,
            automatic: true,
          },
        },
      ];
    default:
      return [];
  }
}

// ------------------------------------------------------------------ helpers

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`decide needs ${what}`);
  return value;
}

/** The deadlines an event carries, flagged when the calendar had to use a provisional year. */
function pick<K extends keyof DeadlineResult>(
  d: DeadlineResult,
  keys: K[],
): Partial<Pick<DeadlineResult, K | 'provisional'>> {
  const out: Partial<Pick<DeadlineResult, K | 'provisional'>> = {};
  for (const k of keys) if (d[k] !== undefined) out[k] = d[k];
  if (d.provisional) out.provisional = true;
  return out;
}

function placeFields(state: OrderState) {
  return {
    ...(state.matterTypeCode ? { matterTypeCode: state.matterTypeCode } : {}),
    ...(state.location.streetId ? { streetId: state.location.streetId } : {}),
  };
}

function unitField(
  state: OrderState,
  key: 'unitId' | 'leadUnitId' = 'unitId',
): Record<string, string> {
  return state.leadUnitId ? { [key]: state.leadUnitId } : {};
}

function reminderInstants(from: string, handleBy: string | undefined, fractions: number[]) {
  if (!handleBy) return [];
  const start = ms(from);
  const end = ms(handleBy);
  return fractions.map((fraction) => ({
    kind: 'handling' as const,
    at: iso(start + (end - start) * fraction),
    fraction,
  }));
}

function uniqueFractions(fractions: number[]): number[] {
  return [...new Set(fractions)].sort((a, b) => a - b);
}
