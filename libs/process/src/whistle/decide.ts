import type { WhistleScopeRequest, WhistleScopeResult } from '../activities';
import { HOUR, iso, ms, required } from '../shared/time';
import { departmentOf, refuse } from './validate';
import { participationOf } from './evaluation';
import type {
  PendingWhistleEvent,
  WhistleCommand,
  WhistleState,
  WhistleWorkflowInput,
} from './model';

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
