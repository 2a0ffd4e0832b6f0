import type { OrderStatus } from '@hotline/contracts';
import type { ExtensionRefusalCode, ReturnCheck } from '@hotline/domain';
import { canExtendTo, canReturnOrder } from '@hotline/domain/workflow-rules';
import { notesFull } from '../shared/notes';
import { ms } from '../shared/time';
import type { RefusalCode } from '../shared/refusal';
import { type Actor, OrderActionRefused, type OrderCommand, type OrderState } from './model';

/**
 * `validate`: may this action happen now, by this actor, in this state? It throws
 * OrderActionRefused with a code (forbidden, wrong_state, too_late, invalid) the API maps to a
 * status, and a reason shown to the person who tried it.
 */

const HANDLING: OrderStatus[] = ['acknowledged', 'responded', 'in_progress'];
const OPEN_AFTER_DISPATCH: OrderStatus[] = [
  'dispatched',
  'acknowledged',
  'responded',
  'in_progress',
  'resolved',
];

// ------------------------------------------------------------------ validation

export function refuse(code: OrderActionRefused['code'], message: string): never {
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
      const minChars = state.policy.minReturnSupportingChars;
      if (minChars === undefined) requireText(cmd.explanation, 'explanation'); // started before
      if (!state.returnable)
        refuse(
          'forbidden',
          'The centre arbitrated this assignment; its decision is final (no return)',
        );
      if (minChars === undefined) {
        if (now > ms(state.deadlines.returnBy))
          refuse('too_late', `The return window closed at ${state.deadlines.returnBy}`);
        return;
      }
      const check = canReturnOrder(
        {
          returnBy: new Date(ms(state.deadlines.returnBy)),
          acknowledgedAt: null,
          requestedAt: new Date(now),
          reason: cmd.reason,
          supportingText: cmd.explanation ?? '',
        },
        { returns: { minSupportingChars: minChars } },
      );
      if (!check.ok) refuse(RETURN_REFUSALS[check.code], check.explanation);
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
      {
        const full = notesFull(state.progressNotes, state.policy.maxProgressNotes, '工单');
        if (full) refuse('limit_reached', full);
      }
      return;
    case 'requestExtension': {
      requireStatus(state, HANDLING, 'request an extension (延期)');
      requireLeadUnit(state, cmd.actor, 'request an extension');
      requireText(cmd.reason, 'reason');
      const handleBy = ms(state.deadlines.handleBy);
      if (state.extension?.status === 'pending')
        refuse('wrong_state', 'An extension request is already waiting for the centre');
      if (state.policy.extensionLimitLookup) {
        // libs/domain's rule; the longest extension is checked once it has been looked up.
        checkExtension(state, cmd, now);
        return;
      }
      // Orders started before: the limit they started with (the acknowledged-to-limit span again).
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

const RETURN_REFUSALS: Record<Extract<ReturnCheck, { ok: false }>['code'], RefusalCode> = {
  already_acknowledged: 'wrong_state',
  window_passed: 'too_late',
  missing_explanation: 'invalid',
};

const EXTENSION_REFUSALS: Record<ExtensionRefusalCode, RefusalCode> = {
  deadline_passed: 'too_late',
  limit_reached: 'forbidden',
  too_long: 'invalid',
  invalid_amount: 'invalid',
  not_later: 'invalid',
};

/**
 * libs/domain's extension rule (延期) for an order: in time, within the count, a new limit later
 * than the one in force and, once looked up (`latestHandleBy`), no later than the longest extension.
 */
export function checkExtension(
  state: OrderState,
  cmd: Extract<OrderCommand, { type: 'requestExtension' }>,
  now: number,
  latestHandleBy?: string,
): void {
  const check = canExtendTo(
    {
      requestedAt: new Date(now),
      handlingBy: new Date(ms(state.deadlines.handleBy)),
      extensionsGranted: state.extensionsGranted,
      requestedHandlingBy: new Date(ms(cmd.requestedHandleBy)),
      ...(latestHandleBy ? { latestHandlingBy: new Date(ms(latestHandleBy)) } : {}),
    },
    { extension: { maxCount: state.policy.maxExtensions } },
  );
  if (!check.ok) refuse(EXTENSION_REFUSALS[check.code], check.explanation);
}
