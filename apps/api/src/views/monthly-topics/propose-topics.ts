/**
 * Candidate monthly topics (每月一题): the month's most frequent matter types and its fastest
 * growing ones against the month before. Beijing picks 2–3 concrete problems a month from the
 * hotline data; this only proposes, with the reason for each, and the streets where it
 * concentrates so the problem can be diagnosed by place.
 */

export interface MatterCount {
  matterTypeCode: string;
  streetId: string;
  orders: number;
}

export interface TopicCandidate {
  matterTypeCode: string;
  orders: number;
  previousOrders: number;
  /** (orders − previous) / previous; null when the matter had no orders the month before. */
  growth: number | null;
  reasons: ('most_frequent' | 'fastest_growing')[];
  /** Streets with the most orders of this matter, most first. */
  topStreets: { streetId: string; orders: number }[];
}

export interface ProposalOptions {
  /** How many candidates each criterion contributes. */
  perCriterion: number;
  /** A matter needs this many orders this month to count as growing (3 → 9 is news, 0 → 1 is not). */
  minOrdersForGrowth: number;
}

export function proposeMonthlyTopics(
  current: readonly MatterCount[],
  previous: readonly MatterCount[],
  options: ProposalOptions = { perCriterion: 3, minOrdersForGrowth: 5 },
): TopicCandidate[] {
  const total = (rows: readonly MatterCount[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r.matterTypeCode, (m.get(r.matterTypeCode) ?? 0) + r.orders);
    return m;
  };
  const now = total(current);
  const before = total(previous);
  const all = [...now.entries()].map(([matterTypeCode, orders]) => {
    const previousOrders = before.get(matterTypeCode) ?? 0;
    return {
      matterTypeCode,
      orders,
      previousOrders,
      growth: previousOrders === 0 ? null : (orders - previousOrders) / previousOrders,
    };
  });
  const byId = (a: { matterTypeCode: string }, b: { matterTypeCode: string }) =>
    a.matterTypeCode.localeCompare(b.matterTypeCode);
  const frequent = [...all]
    .sort((a, b) => b.orders - a.orders || byId(a, b))
    .slice(0, options.perCriterion);
  // New matters (nothing last month) grow "infinitely": rank them by volume among the growers.
  const growing = all
    .filter((m) => m.orders >= options.minOrdersForGrowth && m.orders > m.previousOrders)
    .sort(
      (a, b) =>
        (b.growth ?? Infinity) - (a.growth ?? Infinity) || b.orders - a.orders || byId(a, b),
    )
    .slice(0, options.perCriterion);

  const chosen = new Map<string, TopicCandidate>();
  const add = (m: (typeof all)[number], reason: TopicCandidate['reasons'][number]) => {
    const c = chosen.get(m.matterTypeCode) ?? {
      ...m,
      reasons: [],
      topStreets: topStreets(current, m.matterTypeCode),
    };
    c.reasons.push(reason);
    chosen.set(m.matterTypeCode, c);
  };
  frequent.forEach((m) => add(m, 'most_frequent'));
  growing.forEach((m) => add(m, 'fastest_growing'));
  return [...chosen.values()].sort((a, b) => b.orders - a.orders || byId(a, b));
}

function topStreets(rows: readonly MatterCount[], matterTypeCode: string) {
  return rows
    .filter((r) => r.matterTypeCode === matterTypeCode && r.streetId !== '')
    .sort((a, b) => b.orders - a.orders || a.streetId.localeCompare(b.streetId))
    .slice(0, 3)
    .map(({ streetId, orders }) => ({ streetId, orders }));
}
