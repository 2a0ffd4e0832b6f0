/**
 * How a devolved enforcement power is used (执法职权下放评估): per power and street, the orders
 * dispatched to the street's team under it, and of those closed, how many on time and how their
 * callers rated them — so the list can be evaluated and adjusted.
 *
 * The closed orders are counted exactly as the monthly scores (三率) count a unit's orders
 * (`monthlyUnitScores`: exclusions and filtered orders leave every denominator, a callback with
 * no answer counts neither way) and their rates are the same rates (`unitMonthScoreFromCounts`).
 * Added here: closed on time (按期办结), an order counted whose result came within its handling
 * limit (its extension included), over the counted orders.
 */
import type { Policy } from '../reference/types';
import {
  monthlyUnitScores,
  type OrderOutcomeRecord,
  type ScoreCounts,
  unitMonthScoreFromCounts,
} from '../scoring/monthly-scores';

/** A closed order dispatched under a power: its scoring record and whether it closed on time. */
export interface PowerOutcomeRecord extends OrderOutcomeRecord {
  /** The result came within the handling limit (OrderClosed `resolvedWithinLimit`). */
  readonly resolvedWithinLimit: boolean;
}

export interface PowerUsageCounts extends ScoreCounts {
  /** Orders dispatched to the street's team under the power (each order once). */
  readonly dispatched: number;
  /** Counted orders whose result came within the handling limit. */
  readonly closedOnTime: number;
}

export interface PowerUsageRates {
  /** 按期办结率: closed on time / counted; null without counted orders. */
  readonly onTimeRate: number | null;
  /** 响应率, 解决率, 满意率 as in the monthly scores. */
  readonly responseRate: number | null;
  readonly resolutionRate: number | null;
  readonly satisfactionRate: number | null;
}

export const POWER_USAGE_COUNT_FIELDS = [
  'dispatched',
  'closed',
  'excluded',
  'filtered',
  'counted',
  'closedOnTime',
  'respondedInTime',
  'callbacksAnswered',
  'noAnswer',
  'solved',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
] as const satisfies readonly (keyof PowerUsageCounts)[];

type MutableUsage = { -readonly [K in keyof PowerUsageCounts]: PowerUsageCounts[K] };

export function emptyPowerUsage(): PowerUsageCounts {
  const counts = {} as MutableUsage;
  for (const field of POWER_USAGE_COUNT_FIELDS) counts[field] = 0;
  return counts;
}

/** What one dispatch under a power adds to its counts. */
export function dispatchedUnderPower(): PowerUsageCounts {
  return { ...emptyPowerUsage(), dispatched: 1 };
}

/** What one closed order adds to its power's counts: the scores' tally, and on time. */
export function closedUnderPower(record: PowerOutcomeRecord, policy: Policy): PowerUsageCounts {
  const [scored] = monthlyUnitScores([record], policy);
  const counts = scored!.counts;
  const counted = counts.counted === 1;
  return {
    ...counts,
    dispatched: 0,
    closedOnTime: counted && record.resolvedWithinLimit ? 1 : 0,
  };
}

/** Counts summed (several streets of one power, several months). */
export function addPowerUsage(a: PowerUsageCounts, b: PowerUsageCounts): PowerUsageCounts {
  const sum = {} as MutableUsage;
  for (const field of POWER_USAGE_COUNT_FIELDS) sum[field] = a[field] + b[field];
  return sum;
}

/** The rates of summed counts, by the monthly scores' own formulas. */
export function powerUsageRates(counts: PowerUsageCounts, policy: Policy): PowerUsageRates {
  const score = unitMonthScoreFromCounts('', '', counts, policy);
  return {
    onTimeRate: counts.counted === 0 ? null : counts.closedOnTime / counts.counted,
    responseRate: score.responseRate,
    resolutionRate: score.resolutionRate,
    satisfactionRate: score.satisfactionRate,
  };
}
