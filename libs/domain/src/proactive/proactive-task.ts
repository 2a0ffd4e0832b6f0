/**
 * Proactive tasks (未诉先办, 每月一题): a hotspot, or a monthly topic the centre accepted, becomes a
 * task owned by a street or a department — a plan, a deadline, progress, completion, verification
 * by the centre — and afterwards the complaints of that matter and place over the following weeks
 * are measured against the same span before the task started, to record whether the task worked.
 *
 * Pure: spans and verdicts from numbers passed in; counting happens elsewhere (a read model).
 */
import { DAY_MS } from '../calendar/shanghai-time';
import type { Limit } from '../reference/types';

export type ProactiveTaskSourceKind = 'hotspot' | 'monthly_topic';

/** Where the task comes from: a hotspot window, or an accepted monthly topic (每月一题). */
export type ProactiveTaskSource =
  | { readonly kind: 'hotspot'; readonly hotspotId: string; readonly orderIds: readonly string[] }
  | {
      readonly kind: 'monthly_topic';
      readonly month: string;
      readonly orderIds: readonly string[];
    };

/** The matter and place whose complaints the task should bring down. */
export interface ProactiveTaskScope {
  readonly matterTypeCode: string;
  /** Absent for a district-wide monthly topic. */
  readonly streetId?: string;
  /** A hotspot's community; absent for a street- or district-wide topic. */
  readonly communityId?: string;
}

export interface ProactiveTaskPolicy {
  /** The owner submits its plan (整改方案) within this after the task starts. */
  readonly plan: Limit;
  /** The centre verifies (核验) within this after the owner reports completion. */
  readonly verify: Limit;
  /** Weeks measured after verification, against the same span before the task started. */
  readonly measureWeeks: number;
  /** Hours after the measured span ends before counting, so late order events are projected. */
  readonly measureGraceHours: number;
  /** The task worked when complaints fell by at least this fraction (0.3 = 30 %). */
  readonly effectiveDrop: number;
  /** Fewer complaints than this before the task: too few to judge (insufficient data). */
  readonly minOrdersBefore: number;
}

export const DEFAULT_PROACTIVE_TASK_POLICY: ProactiveTaskPolicy = {
  plan: { unit: 'workingDays', amount: 3 },
  verify: { unit: 'workingDays', amount: 5 },
  measureWeeks: 4,
  measureGraceHours: 24,
  effectiveDrop: 0.3,
  minOrdersBefore: 3,
};

export interface Span {
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
}

/**
 * The two spans compared: `weeks` weeks before the task started (the complaints that made it a
 * task) and as many weeks from the centre's verification (the work done).
 */
export function measurementSpans(
  startedAt: Date,
  verifiedAt: Date,
  weeks: number,
): { before: Span; after: Span } {
  const length = weeks * 7 * DAY_MS;
  return {
    before: { from: new Date(startedAt.getTime() - length), to: startedAt },
    after: { from: verifiedAt, to: new Date(verifiedAt.getTime() + length) },
  };
}

export type TaskEffectVerdict = 'effective' | 'not_effective' | 'insufficient_data';

export interface TaskEffect {
  readonly verdict: TaskEffectVerdict;
  /** (after − before) / before, e.g. −0.6 for 60 % fewer; null when there was nothing before. */
  readonly change: number | null;
  /** Words for the record (Chinese: the centre and the owner read it). */
  readonly explanation: string;
}

/** Whether the task worked: complaints after against before, by the policy's threshold. */
export function assessTaskEffect(
  before: number,
  after: number,
  policy: Pick<ProactiveTaskPolicy, 'effectiveDrop' | 'minOrdersBefore'>,
): TaskEffect {
  if (!Number.isInteger(before) || !Number.isInteger(after) || before < 0 || after < 0)
    throw new RangeError(`counts must be whole numbers ≥ 0: ${before}, ${after}`);
  const change = before === 0 ? null : (after - before) / before;
  const pct = (x: number) => `${Math.round(Math.abs(x) * 100)}%`;
  if (before < policy.minOrdersBefore)
    return {
      verdict: 'insufficient_data',
      change,
      explanation: `整改前同期诉求仅 ${before} 件（少于 ${policy.minOrdersBefore} 件），不足以判断成效；整改后 ${after} 件`,
    };
  if (change !== null && change <= -policy.effectiveDrop)
    return {
      verdict: 'effective',
      change,
      explanation: `诉求由 ${before} 件降至 ${after} 件，下降 ${pct(change)}，达到下降 ${pct(policy.effectiveDrop)} 的成效标准`,
    };
  return {
    verdict: 'not_effective',
    change,
    explanation:
      change !== null && change > 0
        ? `诉求由 ${before} 件增至 ${after} 件，未见成效`
        : `诉求由 ${before} 件变为 ${after} 件，下降未达 ${pct(policy.effectiveDrop)}，成效不明显`,
  };
}

/** One order as the complaint count sees it (the hotspot read model's rows). */
export interface ComplaintRow {
  readonly orderId: string;
  readonly matterTypeCode: string;
  readonly streetId: string | null;
  readonly communityId: string | null;
  readonly receivedAt: Date;
}

/** The orders of the scope received within the span: the same rule the SQL count applies. */
export function complaintsIn(rows: readonly ComplaintRow[], scope: ProactiveTaskScope, span: Span) {
  return rows
    .filter(
      (r) =>
        r.matterTypeCode === scope.matterTypeCode &&
        (!scope.streetId || r.streetId === scope.streetId) &&
        (!scope.communityId || r.communityId === scope.communityId) &&
        r.receivedAt.getTime() >= span.from.getTime() &&
        r.receivedAt.getTime() < span.to.getTime(),
    )
    .map((r) => r.orderId)
    .sort();
}
