/**
 * The street's rating of each summoned department (双向评价, "一哨一考核"): timeliness, commitment
 * and result on the policy's scale (1–5 by default), averaged per department.
 *
 * A miss overrides the rating, so a no-show cannot be rated well: a department that missed its
 * report gets the lowest mark on all three (it was not there); one that reported but made no
 * commitment (表态) gets the lowest commitment mark.
 */
import type { Policy } from '../reference/types';

export interface WhistleRating {
  readonly timeliness: number;
  readonly commitment: number;
  readonly result: number;
}

export interface WhistleParticipation {
  readonly whistleId: string;
  readonly departmentId: string;
  readonly report: 'on_time' | 'late' | 'missed';
  readonly commitment: 'made' | 'missed';
  /** The street's rating; null while not yet rated. */
  readonly rating: WhistleRating | null;
}

export interface DepartmentWhistleEvaluation {
  readonly departmentId: string;
  readonly whistles: number;
  readonly ratedWhistles: number;
  readonly lateReports: number;
  readonly missedReports: number;
  /** Reported but made no commitment (a missed report is counted only as a missed report). */
  readonly missedCommitments: number;
  readonly timeliness: number | null;
  readonly commitment: number | null;
  readonly result: number | null;
  /** Mean of the three averages. */
  readonly overall: number | null;
  /** `overall` mapped linearly onto 0–100, two decimals. */
  readonly score: number | null;
  /** Three or more ratings, all top marks: worth a look (评价“一律优秀”). */
  readonly uniformTopMarks: boolean;
}

export function whistleDepartmentEvaluation(
  records: readonly WhistleParticipation[],
  policy: Policy,
): DepartmentWhistleEvaluation[] {
  const byDepartment = new Map<string, WhistleParticipation[]>();
  for (const r of records)
    byDepartment.set(r.departmentId, [...(byDepartment.get(r.departmentId) ?? []), r]);
  return [...byDepartment.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([departmentId, rows]) => evaluate(departmentId, rows, policy.whistle.rating));
}

function evaluate(
  departmentId: string,
  rows: readonly WhistleParticipation[],
  scale: { readonly min: number; readonly max: number },
): DepartmentWhistleEvaluation {
  const ratings = rows
    .map((r) => effectiveRating(r, scale))
    .filter((r): r is WhistleRating => r !== null);
  const mean = (pick: (r: WhistleRating) => number) =>
    ratings.length === 0 ? null : ratings.reduce((sum, r) => sum + pick(r), 0) / ratings.length;
  const timeliness = mean((r) => r.timeliness);
  const commitment = mean((r) => r.commitment);
  const result = mean((r) => r.result);
  const overall =
    timeliness === null || commitment === null || result === null
      ? null
      : (timeliness + commitment + result) / 3;
  return {
    departmentId,
    whistles: rows.length,
    ratedWhistles: ratings.length,
    lateReports: rows.filter((r) => r.report === 'late').length,
    missedReports: rows.filter((r) => r.report === 'missed').length,
    missedCommitments: rows.filter((r) => r.report !== 'missed' && r.commitment === 'missed')
      .length,
    timeliness,
    commitment,
    result,
    overall,
    score:
      overall === null
        ? null
        : Math.round(((overall - scale.min) / (scale.max - scale.min)) * 10000) / 100,
    uniformTopMarks:
      ratings.length >= 3 &&
      ratings.every(
        (r) => r.timeliness === scale.max && r.commitment === scale.max && r.result === scale.max,
      ),
  };
}

function effectiveRating(
  r: WhistleParticipation,
  scale: { readonly min: number; readonly max: number },
): WhistleRating | null {
  if (r.rating) {
    for (const mark of [r.rating.timeliness, r.rating.commitment, r.rating.result]) {
      if (!Number.isInteger(mark) || mark < scale.min || mark > scale.max) {
        throw new RangeError(
          `Whistle ${r.whistleId}: rating ${mark} outside ${scale.min}–${scale.max}`,
        );
      }
    }
  }
  if (r.report === 'missed')
    return { timeliness: scale.min, commitment: scale.min, result: scale.min };
  if (!r.rating) return null;
  return r.commitment === 'missed' ? { ...r.rating, commitment: scale.min } : r.rating;
}
