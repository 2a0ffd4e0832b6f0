/**
 * The three rates (三率) and the composite, per unit per calendar month (docs/domain.md, "Scores").
 * Only orders neither excluded (剔除) nor filtered count, in every denominator.
 *
 * A rate whose denominator is zero is `null` ("no data"), never 0 or 1: a unit none of whose
 * callers answered the callback has no satisfaction rate. The composite then weighs the rates it
 * has, with their weights scaled to sum to 1; with no counted orders it is `null` (unranked).
 */
import { shanghaiMonth } from '../calendar/shanghai-time';
import type { Policy } from '../reference/types';

export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

/** An answered callback, or 'no_answer' after all attempts (counts neither for nor against). */
export type CallbackOutcome =
  { readonly solved: boolean; readonly satisfaction: Satisfaction } | 'no_answer';

/** One closed order's outcome for one unit. */
export interface OrderOutcomeRecord {
  readonly orderId: string;
  readonly unitId: string;
  readonly closedAt: Date;
  readonly respondedWithinLimit: boolean;
  readonly callback: CallbackOutcome;
  /** Approved exclusion (剔除 / 不纳入考核). */
  readonly excluded: boolean;
  /** Closed by the filter (rejected or merged at intake). */
  readonly filtered: boolean;
}

export interface ScoreCounts {
  readonly closed: number;
  readonly excluded: number;
  readonly filtered: number;
  /** Orders in the denominators: closed minus excluded minus filtered. */
  readonly counted: number;
  readonly respondedInTime: number;
  readonly callbacksAnswered: number;
  readonly noAnswer: number;
  readonly solved: number;
  readonly satisfied: number;
  readonly basicallySatisfied: number;
  readonly dissatisfied: number;
}

export interface UnitMonthScore {
  readonly unitId: string;
  /** `YYYY-MM`, the Shanghai month the orders closed in. */
  readonly month: string;
  readonly counts: ScoreCounts;
  readonly responseRate: number | null;
  readonly resolutionRate: number | null;
  readonly satisfactionRate: number | null;
  /** 0–100, two decimals (the published precision). */
  readonly composite: number | null;
}

type MutableCounts = { -readonly [K in keyof ScoreCounts]: ScoreCounts[K] };

/** Scores for every (unit, month) that has records, sorted by month then unit id. */
export function monthlyUnitScores(
  records: readonly OrderOutcomeRecord[],
  policy: Policy,
): UnitMonthScore[] {
  const groups = new Map<string, { unitId: string; month: string; counts: MutableCounts }>();
  const seen = new Set<string>();
  for (const record of records) {
    const month = shanghaiMonth(record.closedAt);
    const key = `${month} ${record.unitId}`;
    const orderKey = `${key} ${record.orderId}`;
    if (seen.has(orderKey))
      throw new RangeError(`Order ${record.orderId} counted twice for ${record.unitId}`);
    seen.add(orderKey);
    const group = groups.get(key) ?? { unitId: record.unitId, month, counts: emptyCounts() };
    groups.set(key, group);
    tally(group.counts, record);
  }
  return [...groups.values()]
    .sort((a, b) => a.month.localeCompare(b.month) || a.unitId.localeCompare(b.unitId))
    .map(({ unitId, month, counts }) => score(unitId, month, counts, policy));
}

function emptyCounts(): MutableCounts {
  return {
    closed: 0,
    excluded: 0,
    filtered: 0,
    counted: 0,
    respondedInTime: 0,
    callbacksAnswered: 0,
    noAnswer: 0,
    solved: 0,
    satisfied: 0,
    basicallySatisfied: 0,
    dissatisfied: 0,
  };
}

function tally(c: MutableCounts, record: OrderOutcomeRecord): void {
  c.closed++;
  if (record.excluded) c.excluded++;
  if (record.filtered) c.filtered++;
  if (record.excluded || record.filtered) return;
  c.counted++;
  if (record.respondedWithinLimit) c.respondedInTime++;
  if (record.callback === 'no_answer') {
    c.noAnswer++;
    return;
  }
  c.callbacksAnswered++;
  if (record.callback.solved) c.solved++;
  if (record.callback.satisfaction === 'satisfied') c.satisfied++;
  else if (record.callback.satisfaction === 'basically_satisfied') c.basicallySatisfied++;
  else c.dissatisfied++;
}

function score(unitId: string, month: string, counts: ScoreCounts, policy: Policy): UnitMonthScore {
  const { weights, basicallySatisfiedWeight } = policy.scoring;
  const responseRate = ratio(counts.respondedInTime, counts.counted);
  const resolutionRate = ratio(counts.solved, counts.callbacksAnswered);
  const satisfactionRate = ratio(
    counts.satisfied + basicallySatisfiedWeight * counts.basicallySatisfied,
    counts.callbacksAnswered,
  );
  const composite = weightedPercent([
    [responseRate, weights.response],
    [resolutionRate, weights.resolution],
    [satisfactionRate, weights.satisfaction],
  ]);
  return { unitId, month, counts, responseRate, resolutionRate, satisfactionRate, composite };
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function weightedPercent(parts: readonly (readonly [number | null, number])[]): number | null {
  const present = parts.filter((p): p is readonly [number, number] => p[0] !== null);
  const totalWeight = present.reduce((sum, [, w]) => sum + w, 0);
  if (present.length === 0 || totalWeight === 0) return null;
  const value = (present.reduce((sum, [rate, w]) => sum + rate * w, 0) / totalWeight) * 100;
  // Round away float noise first so equal scores tie exactly, then to the published 2 decimals.
  return Math.round(Math.round(value * 1e6) / 1e4) / 100;
}

/**
 * The score of one unit's month from counts already summed — what `monthlyUnitScores` gives for
 * the records those counts came from (a projector adds each closed order to the counts instead
 * of recounting the month).
 */
export function unitMonthScoreFromCounts(
  unitId: string,
  month: string,
  counts: ScoreCounts,
  policy: Policy,
): UnitMonthScore {
  return score(unitId, month, counts, policy);
}
