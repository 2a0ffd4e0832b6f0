import { ms } from '../shared/time';

import type { WhistleMissKind, WhistleParticipationV1 } from '@hotline/contracts';
import type { WhistleParticipationRecord, WhistleScoreResult } from '../activities';
import type { DepartmentPart, PendingWhistleEvent, WhistleState } from './model';

/**
 * The two-way evaluation (双向评价, "一哨一考核") as pure rules: each department's record at the
 * close, when the evaluation is complete, and its closing record from the scores libs/domain gives.
 */

/**
 * A department's record at the close, as its evaluation counts it. A report still owed counts as
 * missed once its deadline has passed (the miss is on record); a commitment counts as missed if
 * none was stated, or if the department missed its commitment deadline or its own due date. A step
 * still owed whose deadline had not come yet releases a department with a clean record: the
 * whistle ended before its part was due, so it does not count for it. A miss always counts.
 */
export function participationOf(d: DepartmentPart): WhistleParticipationV1 {
  const missed = (kind: WhistleMissKind) => d.misses.includes(kind);
  const owedNotDue =
    (d.status === 'summoned' && !missed('report')) ||
    (d.status === 'reported' && !missed('commitment'));
  return {
    departmentId: d.departmentId,
    report: d.report ? (d.report.withinLimit ? 'on_time' : 'late') : 'missed',
    commitment: d.commitment && !missed('commitment') && !missed('delivery') ? 'made' : 'missed',
    completed: d.completion !== undefined,
    verified: d.status === 'verified',
    misses: d.misses,
    counted: !owedNotDue || d.misses.length > 0,
  };
}

/**
 * Everyone has rated: the street every department its whistle counts for, and every department
 * that reported has rated the whistle. Then the evaluation completes before its window ends.
 */
export function allRatingsIn(state: WhistleState): boolean {
  if (state.status !== 'closed') return false;
  const counted = new Set(
    (state.participations ?? []).filter((p) => p.counted).map((p) => p.departmentId),
  );
  return state.departments.every(
    (d) => (!counted.has(d.departmentId) || d.rating) && (!d.report || d.precision),
  );
}

export function evaluationDue(state: WhistleState, now: number): boolean {
  return allRatingsIn(state) || (state.status === 'closed' && now >= ms(state.evaluationBy));
}

/** What libs/domain scores: the counted participations with the street's ratings. */
export function scoringRecords(state: WhistleState): WhistleParticipationRecord[] {
  return (state.participations ?? [])
    .filter((p) => p.counted)
    .map((p) => {
      const rating = state.departments.find((d) => d.departmentId === p.departmentId)?.rating;
      return {
        departmentId: p.departmentId,
        report: p.report,
        commitment: p.commitment,
        rating: rating
          ? { timeliness: rating.timeliness, commitment: rating.commitment, result: rating.result }
          : null,
      };
    });
}

/** The closing record of the evaluation, from the scores the domain gave. */
export function decideEvaluation(
  state: WhistleState,
  scores: WhistleScoreResult,
): PendingWhistleEvent[] {
  const scoreOf = new Map(scores.scores.map((s) => [s.departmentId, s.score]));
  const precision = state.departments.flatMap((d) => (d.precision ? [d.precision] : []));
  return [
    {
      type: 'WhistleEvaluationCompleted',
      payload: {
        departments: (state.participations ?? []).map((p) => {
          const rating = state.departments.find((d) => d.departmentId === p.departmentId)?.rating;
          return {
            ...p,
            rating: rating
              ? {
                  timeliness: rating.timeliness,
                  commitment: rating.commitment,
                  result: rating.result,
                }
              : null,
            score: p.counted ? (scoreOf.get(p.departmentId) ?? null) : null,
          };
        }),
        precision: {
          ratings: precision.length,
          needed: precision.filter((p) => p.needed).length,
          wellScoped: precision.filter((p) => p.wellScoped).length,
        },
        publicRatings: state.publicRatings.length,
        uniformTopMarks: scores.uniformTopMarks,
        completedBy: allRatingsIn(state) ? 'all_rated' : 'window_closed',
      },
    },
  ];
}
