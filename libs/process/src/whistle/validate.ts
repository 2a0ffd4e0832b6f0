import type { WhistlePolicy } from '../activities';
import { notesFull } from '../shared/notes';
import { ms } from '../shared/time';
import {
  type Actor,
  type DepartmentPart,
  WhistleActionRefused,
  type WhistleCommand,
  type WhistleState,
} from './model';

// ------------------------------------------------------------------ validation

export function refuse(code: WhistleActionRefused['code'], message: string): never {
  throw new WhistleActionRefused(code, message);
}

function requireText(value: string | undefined, field: string): void {
  if (!value || value.trim().length === 0) refuse('invalid', `${field} is required`);
}

function requireOpen(state: WhistleState, action: string): void {
  if (state.status !== 'open') {
    refuse('wrong_state', `Cannot ${action}: the whistle is ${state.status}`);
  }
}

/** The summoned department acting, or a refusal. */
function summonedDepartment(state: WhistleState, actor: Actor, action: string): DepartmentPart {
  const part =
    actor.kind === 'unit'
      ? state.departments.find((d) => d.departmentId === actor.unitId)
      : undefined;
  if (!part) {
    refuse(
      'forbidden',
      `Only a department summoned by whistle ${state.whistleId} can ${action}` +
        (actor.kind === 'unit' ? ` (${actor.unitId} was not summoned)` : ''),
    );
  }
  return part;
}

/** The street that blew the whistle; for a district whistle, the district unit or a supervisor. */
function requireOwner(state: WhistleState, actor: Actor, action: string): void {
  const owner =
    (actor.kind === 'unit' && actor.unitId === state.ownerUnitId) ||
    (state.level === 'district' && actor.kind === 'supervisor');
  if (!owner)
    refuse('forbidden', `Only ${state.ownerUnitId}, who runs this whistle, can ${action}`);
}

function requireStep(part: DepartmentPart, allowed: DepartmentPart['status'][], action: string) {
  if (!allowed.includes(part.status)) {
    refuse(
      'wrong_state',
      `${part.departmentId} cannot ${action} now: it is ${part.status} (allowed when ${allowed.join(' or ')})`,
    );
  }
}

function requireFuture(value: string | undefined, field: string, now: number): void {
  const t = ms(value);
  if (Number.isNaN(t)) refuse('invalid', `${field} must be an ISO date-time`);
  if (t <= now) refuse('invalid', `${field} must be in the future`);
}

export function departmentOf(state: WhistleState, departmentId: string): DepartmentPart {
  const part = state.departments.find((d) => d.departmentId === departmentId);
  if (!part) refuse('invalid', `${departmentId} was not summoned by whistle ${state.whistleId}`);
  return part;
}

function requireMark(value: number, field: string, scale: WhistlePolicy['rating']): void {
  if (!Number.isInteger(value) || value < scale.min || value > scale.max) {
    refuse('invalid', `${field} must be a whole mark from ${scale.min} to ${scale.max}`);
  }
}

/** Throws WhistleActionRefused when the action may not happen now; otherwise returns quietly. */
export function validate(state: WhistleState, cmd: WhistleCommand, now: number): void {
  switch (cmd.type) {
    case 'report': {
      requireOpen(state, 'report (报到)');
      const part = summonedDepartment(state, cmd.actor, 'report');
      if (part.report)
        refuse('wrong_state', `${part.departmentId} already reported at ${part.report.at}`);
      requireText(cmd.representative, 'representative');
      if (cmd.mode !== 'on_site' && cmd.mode !== 'remote')
        refuse('invalid', 'mode must be on_site or remote');
      return;
    }
    case 'commit': {
      requireOpen(state, 'commit (表态)');
      const part = summonedDepartment(state, cmd.actor, 'commit');
      if (part.commitment)
        refuse('wrong_state', `${part.departmentId} already committed at ${part.commitment.at}`);
      requireStep(part, ['reported'], 'commit (表态) — report first');
      requireText(cmd.measures, 'measures');
      requireFuture(cmd.dueBy, 'dueBy', now);
      return;
    }
    case 'reportProgress': {
      requireOpen(state, 'report progress');
      const part = summonedDepartment(state, cmd.actor, 'report progress');
      requireStep(part, ['reported', 'committed'], 'report progress');
      requireText(cmd.note, 'note');
      const notes = state.departments.reduce((n, d) => n + d.progressNotes, 0);
      const full = notesFull(notes, state.policy.maxProgressNotes, '吹哨');
      if (full) refuse('limit_reached', full);
      return;
    }
    case 'complete': {
      requireOpen(state, 'report completion');
      const part = summonedDepartment(state, cmd.actor, 'report completion');
      requireStep(part, ['committed'], 'report completion — commit first');
      requireText(cmd.summary, 'summary');
      return;
    }
    case 'ratePrecision': {
      if (state.status !== 'open' && state.status !== 'closed')
        refuse('wrong_state', `Cannot rate whistle ${state.whistleId}: it is ${state.status}`);
      const part = summonedDepartment(state, cmd.actor, 'rate the whistle');
      if (part.precision) refuse('wrong_state', `${part.departmentId} already rated this whistle`);
      return;
    }
    case 'verify': {
      requireOpen(state, 'verify (核查)');
      requireOwner(state, cmd.actor, 'verify');
      const part = departmentOf(state, cmd.departmentId);
      requireStep(part, ['completed'], 'be verified');
      requireText(cmd.note, 'note');
      if (!cmd.passed)
        requireFuture(cmd.redoBy, 'redoBy (a failed check needs a new due date)', now);
      return;
    }
    case 'close':
      requireOpen(state, 'close the whistle');
      requireOwner(state, cmd.actor, 'close the whistle');
      requireText(cmd.summary, 'summary');
      if (cmd.outcome === 'solved') requireAllVerified(state);
      else if (cmd.outcome !== 'unsolved') refuse('invalid', 'outcome must be solved or unsolved');
      return;
    case 'escalate':
      requireOpen(state, 'escalate (上报)');
      requireOwner(state, cmd.actor, 'escalate');
      if (state.level !== 'street')
        refuse('forbidden', 'A district whistle cannot be escalated further here');
      requireText(cmd.reason, 'reason');
      if (cmd.summonedUnitIds && cmd.summonedUnitIds.length === 0)
        refuse('invalid', 'summonedUnitIds: summon at least one department, or leave it out');
      return;
    case 'rateDepartment': {
      if (state.status !== 'closed')
        refuse(
          'wrong_state',
          `Departments are rated once the whistle is closed (it is ${state.status})`,
        );
      requireOwner(state, cmd.actor, 'rate a department');
      const part = departmentOf(state, cmd.departmentId);
      if (part.rating) refuse('wrong_state', `${part.departmentId} was already rated`);
      requireMark(cmd.timeliness, 'timeliness', state.policy.rating);
      requireMark(cmd.commitment, 'commitment', state.policy.rating);
      requireMark(cmd.result, 'result', state.policy.rating);
      return;
    }
    case 'recordPublicRating': {
      if (state.status !== 'closed')
        refuse('wrong_state', `Ratings of the outcome are taken once the whistle is closed`);
      const byOwner = cmd.actor.kind === 'unit' && cmd.actor.unitId === state.ownerUnitId;
      if (!byOwner && cmd.actor.kind === 'unit')
        refuse('forbidden', 'Only the whistle’s street or the centre records residents’ ratings');
      if (cmd.rater !== 'resident' && cmd.rater !== 'deputy')
        refuse('invalid', 'rater must be resident or deputy');
      return;
    }
  }
}

/** A solved whistle has nothing left half-done: every department that committed was verified. */
function requireAllVerified(state: WhistleState): void {
  const unfinished = state.departments.filter(
    (d) => d.status === 'committed' || d.status === 'completed',
  );
  if (unfinished.length > 0) {
    refuse(
      'wrong_state',
      `Cannot close as solved: ${unfinished.map((d) => `${d.departmentId} (${d.status})`).join(', ')} not verified yet`,
    );
  }
  if (!state.departments.some((d) => d.status === 'verified'))
    refuse('wrong_state', 'Cannot close as solved: no department’s part has been verified (核查)');
}
