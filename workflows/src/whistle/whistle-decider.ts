import type { WhistleMissKind } from '@hotline/contracts';
import type { WhistlePolicy, WhistleScopeRequest, WhistleScopeResult } from '../activities';
import { participationOf } from './whistle-evaluation';
import {
  type Actor,
  type DepartmentPart,
  type PendingWhistleEvent,
  WhistleActionRefused,
  type WhistleCommand,
  type WhistleConclusion,
  type WhistleState,
  type WhistleWorkflowInput,
} from './whistle-model';

/**
 * The whistle's rules as pure functions, in the order decider's shape: `validate` says whether an
 * action may happen now, `decide` turns it into events, `evolve` applies an event, and
 * `pendingTimers`/`fireTimer` turn deadlines into misses, urges (催办) and escalations (督办).
 * No Temporal API here: the workflow supplies time and the results of lookups.
 *
 * The timers live in whistle-timers.ts, the two-way evaluation in whistle-evaluation.ts.
 */

const ms = (iso: string | undefined) => (iso ? Date.parse(iso) : Number.NaN);
const iso = (t: number) => new Date(t).toISOString();
const HOUR = 3_600_000;

export function initialState(input: WhistleWorkflowInput, policy: WhistlePolicy): WhistleState {
  const level = input.level ?? 'street';
  return {
    whistleId: input.whistleId,
    level,
    whistleType: input.whistleType,
    streetId: input.streetId,
    ownerUnitId: level === 'district' ? policy.districtUnitId : input.streetId,
    matterTypeCode: input.matterTypeCode,
    title: input.title,
    place: input.place,
    linkedOrderIds: [...new Set(input.linkedOrderIds ?? [])],
    ...(input.escalatedFromWhistleId
      ? { escalatedFromWhistleId: input.escalatedFromWhistleId }
      : {}),
    status: 'blowing',
    departments: [],
    publicRatings: [],
    firedTimers: [],
    timeline: [],
    policy,
  };
}

// ------------------------------------------------------------------ the blow (吹哨)

/** The scope check's request for this whistle. */
export function scopeRequest(input: WhistleWorkflowInput): WhistleScopeRequest {
  return {
    matterTypeCode: input.matterTypeCode,
    streetId: input.streetId,
    summonedUnitIds: input.summonedUnitIds,
  };
}

export interface BlowContext {
  scope: WhistleScopeResult;
  blownAt: string;
  reportBy?: string;
  reportEscalateAt?: string;
  provisional?: boolean;
}

/** The first event: blown, or refused by the scope check (no whistle for everything: 吹哨泛化). */
export function decideBlow(
  input: WhistleWorkflowInput,
  state: WhistleState,
  ctx: BlowContext,
): PendingWhistleEvent[] {
  const base = {
    whistleId: input.whistleId,
    level: state.level,
    whistleType: input.whistleType,
    streetId: input.streetId,
    summonedUnitIds: [...new Set(input.summonedUnitIds)],
    linkedOrderIds: state.linkedOrderIds,
  };
  if (!ctx.scope.ok) {
    return [
      {
        type: 'WhistleRefused',
        payload: { ...base, matterTypeCode: input.matterTypeCode, refusals: ctx.scope.refusals },
      },
    ];
  }
  return [
    {
      type: 'WhistleBlown',
      payload: {
        ...base,
        ownerUnitId: state.ownerUnitId,
        matterTypeCode: input.matterTypeCode,
        title: input.title,
        description: input.description,
        place: input.place,
        ...(input.escalatedFromWhistleId
          ? { escalatedFromWhistleId: input.escalatedFromWhistleId }
          : {}),
        scope: ctx.scope.explanation,
        blownAt: ctx.blownAt,
        reportBy: required(ctx.reportBy, 'reportBy'),
        reportEscalateAt: required(ctx.reportEscalateAt, 'reportEscalateAt'),
        ...(ctx.provisional ? { provisional: true } : {}),
      },
    },
  ];
}

// ------------------------------------------------------------------ validation

function refuse(code: WhistleActionRefused['code'], message: string): never {
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

function departmentOf(state: WhistleState, departmentId: string): DepartmentPart {
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

// ------------------------------------------------------------------ what each action needs from outside

export interface WhistleNeeds {
  /** Count the whistle type's limit from now (a deadline), and once more (its escalation). */
  limitFromNow?: boolean;
  /** A deadline someone set (a due date): count only its escalation, one limit after it. */
  escalationAfter?: string;
  /** The scope check for the district whistle an escalation starts. */
  scope?: WhistleScopeRequest;
}

export function needsFor(state: WhistleState, cmd: WhistleCommand): WhistleNeeds {
  switch (cmd.type) {
    case 'report':
      return { limitFromNow: true };
    case 'commit':
      return { escalationAfter: iso(ms(cmd.dueBy)) };
    case 'verify':
      return cmd.passed ? {} : { escalationAfter: iso(ms(cmd.redoBy)) };
    case 'escalate':
      return {
        scope: {
          matterTypeCode: state.matterTypeCode,
          streetId: state.streetId,
          summonedUnitIds: cmd.summonedUnitIds ?? state.departments.map((d) => d.departmentId),
        },
      };
    default:
      return {};
  }
}

export interface WhistleDecisionContext {
  now: number;
  deadline?: string;
  escalateAt?: string;
  scope?: WhistleScopeResult;
}

/** The district whistle an escalation (上报) starts: named after this one, so a retry finds it. */
export const districtWhistleIdOf = (whistleId: string) => `${whistleId}-district`;

/** Turns a validated action into events. Call `validate` first. */
export function decide(
  state: WhistleState,
  cmd: WhistleCommand,
  ctx: WhistleDecisionContext,
): PendingWhistleEvent[] {
  const now = ctx.now;
  const departmentId = cmd.actor.kind === 'unit' ? cmd.actor.unitId : '';
  switch (cmd.type) {
    case 'report':
      return [
        {
          type: 'DepartmentReported',
          payload: {
            departmentId,
            representative: cmd.representative.trim(),
            mode: cmd.mode,
            reportedAt: iso(now),
            withinLimit: now <= ms(state.reportBy),
            commitBy: required(ctx.deadline, 'deadline'),
            commitEscalateAt: required(ctx.escalateAt, 'escalateAt'),
          },
        },
      ];
    case 'commit': {
      const part = departmentOf(state, departmentId);
      return [
        {
          type: 'CommitmentMade',
          payload: {
            departmentId,
            measures: cmd.measures.trim(),
            dueBy: iso(ms(cmd.dueBy)),
            withinLimit: now <= ms(part.commitBy),
            escalateAt: required(ctx.escalateAt, 'escalateAt'),
          },
        },
      ];
    }
    case 'reportProgress':
      return [{ type: 'DepartmentProgressReported', payload: { departmentId, note: cmd.note } }];
    case 'complete': {
      const part = departmentOf(state, departmentId);
      return [
        {
          type: 'DepartmentCompleted',
          payload: {
            departmentId,
            summary: cmd.summary.trim(),
            withinCommitment: now <= ms(part.commitment?.dueBy),
          },
        },
      ];
    }
    case 'ratePrecision':
      return [
        {
          type: 'WhistlePrecisionRated',
          payload: {
            departmentId,
            needed: cmd.needed,
            wellScoped: cmd.wellScoped,
            comment: cmd.comment ?? '',
          },
        },
      ];
    case 'verify':
      return [
        {
          type: 'WhistleVerified',
          payload: {
            departmentId: cmd.departmentId,
            passed: cmd.passed,
            note: cmd.note,
            ...(cmd.passed
              ? {}
              : {
                  redoBy: iso(ms(cmd.redoBy)),
                  escalateAt: required(ctx.escalateAt, 'escalateAt'),
                }),
          },
        },
      ];
    case 'close':
      return [closed(state, cmd.outcome, cmd.summary, now)];
    case 'escalate':
      return decideEscalation(state, cmd, ctx);
    case 'rateDepartment':
      return [
        {
          type: 'WhistleEvaluated',
          payload: {
            departmentId: cmd.departmentId,
            timeliness: cmd.timeliness,
            commitment: cmd.commitment,
            result: cmd.result,
            comment: cmd.comment ?? '',
          },
        },
      ];
    case 'recordPublicRating':
      return [
        {
          type: 'WhistleOutcomeRated',
          payload: { rater: cmd.rater, satisfaction: cmd.satisfaction, comment: cmd.comment ?? '' },
        },
      ];
  }
}

function decideEscalation(
  state: WhistleState,
  cmd: Extract<WhistleCommand, { type: 'escalate' }>,
  ctx: WhistleDecisionContext,
): PendingWhistleEvent[] {
  const scope = required(ctx.scope, 'scope');
  if (!scope.ok) {
    refuse(
      'invalid',
      `The district whistle would be refused: ${scope.refusals.map((r) => r.explanation).join('; ')}`,
    );
  }
  const districtWhistleId = districtWhistleIdOf(state.whistleId);
  const summonedUnitIds = cmd.summonedUnitIds ?? state.departments.map((d) => d.departmentId);
  return [
    {
      type: 'WhistleEscalated',
      payload: {
        reason: cmd.reason,
        districtWhistleId,
        districtUnitId: state.policy.districtUnitId,
        whistleType: cmd.whistleType ?? state.whistleType,
        summonedUnitIds: [...new Set(summonedUnitIds)],
      },
    },
    closed({ ...state, districtWhistleId }, 'escalated', cmd.reason, ctx.now),
  ];
}

/** The input of the district whistle that an escalation event starts. */
export function districtWhistleInput(
  state: WhistleState,
  escalation: Extract<PendingWhistleEvent, { type: 'WhistleEscalated' }>['payload'],
): WhistleWorkflowInput {
  return {
    whistleId: escalation.districtWhistleId,
    level: 'district',
    whistleType: escalation.whistleType,
    streetId: state.streetId,
    matterTypeCode: state.matterTypeCode,
    title: state.title,
    description: escalation.reason,
    place: state.place,
    summonedUnitIds: escalation.summonedUnitIds,
    linkedOrderIds: state.linkedOrderIds,
    escalatedFromWhistleId: state.whistleId,
  };
}

function closed(
  state: WhistleState,
  outcome: 'solved' | 'unsolved' | 'escalated',
  summary: string,
  now: number,
): PendingWhistleEvent {
  return {
    type: 'WhistleClosed',
    payload: {
      outcome,
      summary,
      ...(state.districtWhistleId ? { districtWhistleId: state.districtWhistleId } : {}),
      participations: state.departments.map(participationOf),
      evaluationBy: iso(now + state.policy.evaluationWindowHours * HOUR),
    },
  };
}

// ------------------------------------------------------------------ evolve

/** Applies one event to the state. Pure: returns a new state. */
export function evolve(state: WhistleState, event: PendingWhistleEvent, now: number): WhistleState {
  const at = iso(now);
  const s: WhistleState = { ...state };
  const part = (departmentId: string, change: (d: DepartmentPart) => DepartmentPart) => ({
    ...s,
    departments: s.departments.map((d) => (d.departmentId === departmentId ? change(d) : d)),
  });
  switch (event.type) {
    case 'WhistleBlown': {
      const p = event.payload;
      return {
        ...s,
        status: 'open',
        blownAt: p.blownAt,
        reportBy: p.reportBy,
        reportEscalateAt: p.reportEscalateAt,
        ...(p.provisional ? { provisional: true } : {}),
        departments: p.summonedUnitIds.map(summoned),
      };
    }
    case 'WhistleRefused':
      return { ...s, status: 'refused', refusals: event.payload.refusals };
    case 'DepartmentReported': {
      const p = event.payload;
      return part(p.departmentId, (d) => ({
        ...d,
        status: 'reported',
        report: {
          representative: p.representative,
          mode: p.mode,
          at: p.reportedAt,
          withinLimit: p.withinLimit,
        },
        commitBy: p.commitBy,
        commitEscalateAt: p.commitEscalateAt,
      }));
    }
    case 'ReportDeadlineMissed':
      return part(event.payload.departmentId, (d) => withMiss(d, 'report'));
    case 'CommitmentMade': {
      const p = event.payload;
      return part(p.departmentId, (d) => ({
        ...d,
        status: 'committed',
        commitment: { measures: p.measures, dueBy: p.dueBy, at, withinLimit: p.withinLimit },
        deliveryEscalateAt: p.escalateAt,
      }));
    }
    case 'CommitmentDeadlineMissed':
      return part(event.payload.departmentId, (d) => withMiss(d, event.payload.kind));
    case 'DepartmentUrged':
      return part(event.payload.departmentId, (d) => ({ ...d, urged: d.urged + 1 }));
    case 'DepartmentEscalated':
      return part(event.payload.departmentId, (d) => ({ ...d, escalated: d.escalated + 1 }));
    case 'DepartmentProgressReported':
      return part(event.payload.departmentId, (d) => ({
        ...d,
        progressNotes: d.progressNotes + 1,
      }));
    case 'DepartmentCompleted': {
      const p = event.payload;
      return part(p.departmentId, (d) => ({
        ...d,
        status: 'completed',
        completion: { summary: p.summary, at, withinCommitment: p.withinCommitment },
      }));
    }
    case 'WhistleVerified': {
      const p = event.payload;
      return part(p.departmentId, (d) => ({
        ...d,
        status: p.passed ? 'verified' : 'committed',
        verification: { passed: p.passed, note: p.note, at },
        ...(p.passed
          ? {}
          : {
              completion: undefined,
              commitment: { ...d.commitment!, dueBy: p.redoBy! },
              deliveryEscalateAt: p.escalateAt!,
            }),
      }));
    }
    case 'WhistleEscalated':
      return { ...s, districtWhistleId: event.payload.districtWhistleId };
    case 'WhistleClosed': {
      const p = event.payload;
      return {
        ...s,
        status: 'closed',
        outcome: p.outcome,
        closingSummary: p.summary,
        closedAt: at,
        participations: p.participations,
        evaluationBy: p.evaluationBy,
      };
    }
    case 'WhistleEvaluated': {
      const p = event.payload;
      return part(p.departmentId, (d) => ({
        ...d,
        rating: {
          timeliness: p.timeliness,
          commitment: p.commitment,
          result: p.result,
          comment: p.comment,
        },
      }));
    }
    case 'WhistlePrecisionRated': {
      const p = event.payload;
      return part(p.departmentId, (d) => ({
        ...d,
        precision: { needed: p.needed, wellScoped: p.wellScoped, comment: p.comment },
      }));
    }
    case 'WhistleOutcomeRated':
      return {
        ...s,
        publicRatings: [
          ...s.publicRatings,
          { rater: event.payload.rater, satisfaction: event.payload.satisfaction },
        ],
      };
    case 'WhistleEvaluationCompleted':
      return {
        ...s,
        status: 'evaluated',
        evaluation: {
          scores: event.payload.departments.map((d) => ({
            departmentId: d.departmentId,
            score: d.score,
          })),
          uniformTopMarks: event.payload.uniformTopMarks,
        },
      };
  }
}

function summoned(departmentId: string): DepartmentPart {
  return { departmentId, status: 'summoned', progressNotes: 0, misses: [], urged: 0, escalated: 0 };
}

function withMiss(d: DepartmentPart, kind: WhistleMissKind): DepartmentPart {
  return { ...d, misses: [...d.misses, kind] };
}

// ------------------------------------------------------------------ linked orders

/** What the linked orders are told once the whistle has ended at its level. */
export function conclusionOf(state: WhistleState): WhistleConclusion | undefined {
  if (state.status === 'refused') {
    return {
      whistleId: state.whistleId,
      outcome: 'refused',
      summary: (state.refusals ?? []).map((r) => r.explanation).join('; '),
    };
  }
  if (!state.outcome) return undefined;
  return {
    whistleId: state.whistleId,
    outcome: state.outcome,
    summary: state.closingSummary ?? '',
    ...(state.districtWhistleId ? { districtWhistleId: state.districtWhistleId } : {}),
  };
}

/** A readable line for the Temporal UI, without personal data. */
export function memoSummary(state: WhistleState, summoned: number): string {
  return [
    `${state.level} whistle`,
    state.whistleType,
    state.matterTypeCode,
    state.streetId,
    `${summoned} department(s)`,
    ...(state.linkedOrderIds.length ? [`${state.linkedOrderIds.length} order(s)`] : []),
  ].join(' · ');
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`decide needs ${what}`);
  return value;
}
