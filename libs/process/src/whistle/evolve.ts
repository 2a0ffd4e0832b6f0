import type { WhistleMissKind } from '@hotline/contracts';
import type { WhistlePolicy } from '../activities';
import { iso } from '../shared/time';
import type {
  DepartmentPart,
  PendingWhistleEvent,
  WhistleState,
  WhistleWorkflowInput,
} from './model';

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
