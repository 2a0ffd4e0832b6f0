/**
 * Monthly rankings at every level of a city (市级 → 区级 → 街乡), from the units' month scores.
 *
 * - **Streets and townships** of the whole city (or of one district) in their two groups.
 * - **Departments and enterprises** in four groups: the districts' departments and enterprises
 *   (each district's bureaus and branches, ranked together city-wide or within their district),
 *   and the city-level departments (市级部门) and enterprises (市属企业), ranked at city level only.
 * - **Districts**: each district's score is computed from the summed counts of all its ranked
 *   units (streets, townships, departments, enterprises of the district; its centre is unranked
 *   and city-level units belong to no district). Summing counts weighs every counted order the
 *   same, so a district is not flattered by a unit with two orders and 100 %; the rates and the
 *   composite then follow the same rules as a unit's (libs/domain `unitMonthScoreFromCounts`).
 *
 * Ties share a rank (1, 1, 3) on the published two decimals; tied entries are listed by id.
 */
import type { ReferenceData, Unit } from '../reference/types';
import { type ScoreCounts, type UnitMonthScore, unitMonthScoreFromCounts } from './monthly-scores';

export type CityRankingGroup =
  'streets' | 'townships' | 'departments' | 'enterprises' | 'cityDepartments' | 'cityEnterprises';

export const CITY_RANKING_GROUPS: readonly CityRankingGroup[] = [
  'streets',
  'townships',
  'departments',
  'enterprises',
  'cityDepartments',
  'cityEnterprises',
];

export interface CityRankedEntry {
  /** A unit id, or a district id in `districts`. */
  readonly id: string;
  readonly name: string;
  /** The unit's district (null for a city-level unit); the district itself in `districts`. */
  readonly districtId: string | null;
  readonly rank: number;
  readonly composite: number;
  readonly responseRate: number | null;
  readonly resolutionRate: number | null;
  readonly satisfactionRate: number | null;
  readonly counted: number;
  readonly excluded: number;
}

export type RankingScope =
  { readonly level: 'city' } | { readonly level: 'district'; readonly districtId: string };

export interface CityRanking {
  readonly month: string;
  readonly scope: RankingScope;
  readonly groups: Readonly<Record<CityRankingGroup, readonly CityRankedEntry[]>>;
  /** City scope only: the districts by the aggregate of their units (empty for a district). */
  readonly districts: readonly CityRankedEntry[];
  /** Ranked units of the scope with no counted orders this month, by id. */
  readonly unranked: readonly string[];
}

/**
 * Ranks one month at the scope's level. Scores of units unknown to the reference data, or of
 * another month, are refused (a read model carrying them is a data error worth seeing).
 */
export function rankCity(
  month: string,
  scores: readonly UnitMonthScore[],
  ref: ReferenceData,
  scope: RankingScope = { level: 'city' },
): CityRanking {
  const byUnit = new Map<string, UnitMonthScore>();
  for (const s of scores) {
    if (s.month !== month) throw new RangeError(`Cannot rank ${s.month} with ${month}`);
    if (!ref.index.units.has(s.unitId)) throw new RangeError(`Unknown unit "${s.unitId}"`);
    byUnit.set(s.unitId, s);
  }
  if (scope.level === 'district' && !ref.index.districts.has(scope.districtId))
    throw new RangeError(`Unknown district "${scope.districtId}"`);
  const inScope = (u: Unit) =>
    u.ranked && (scope.level === 'city' || u.districtId === scope.districtId);

  const groups: Record<CityRankingGroup, CityRankedEntry[]> = {
    streets: [],
    townships: [],
    departments: [],
    enterprises: [],
    cityDepartments: [],
    cityEnterprises: [],
  };
  const unranked: string[] = [];
  const districtCounts = new Map<string, ScoreCounts>();
  for (const unit of ref.units) {
    if (!inScope(unit)) continue;
    const score = byUnit.get(unit.id);
    if (score && unit.districtId) {
      districtCounts.set(unit.districtId, add(districtCounts.get(unit.districtId), score.counts));
    }
    if (!score || score.composite === null) {
      unranked.push(unit.id);
      continue;
    }
    groups[groupOf(unit)].push(entry(unit.id, unit.name, unit.districtId, score));
  }
  const districts: CityRankedEntry[] = [];
  if (scope.level === 'city') {
    for (const d of ref.districts) {
      const counts = districtCounts.get(d.id);
      if (!counts) continue;
      const s = unitMonthScoreFromCounts(d.id, month, counts, ref.policy);
      if (s.composite !== null) districts.push(entry(d.id, d.name, d.id, s));
    }
  }
  return {
    month,
    scope,
    groups: Object.fromEntries(CITY_RANKING_GROUPS.map((g) => [g, withRanks(groups[g])])) as Record<
      CityRankingGroup,
      CityRankedEntry[]
    >,
    districts: withRanks(districts),
    unranked: unranked.sort(),
  };
}

function groupOf(unit: Unit): CityRankingGroup {
  const city = unit.level === 'city';
  switch (unit.kind) {
    case 'street':
      return 'streets';
    case 'township':
      return 'townships';
    case 'department':
      return city ? 'cityDepartments' : 'departments';
    case 'enterprise':
      return city ? 'cityEnterprises' : 'enterprises';
  }
}

function entry(
  id: string,
  name: string,
  districtId: string | null,
  s: UnitMonthScore,
): CityRankedEntry {
  return {
    id,
    name,
    districtId,
    rank: 0,
    composite: s.composite!,
    responseRate: s.responseRate,
    resolutionRate: s.resolutionRate,
    satisfactionRate: s.satisfactionRate,
    counted: s.counts.counted,
    excluded: s.counts.excluded,
  };
}

function add(a: ScoreCounts | undefined, b: ScoreCounts): ScoreCounts {
  if (!a) return { ...b };
  const out = { ...a } as Record<keyof ScoreCounts, number>;
  for (const k of Object.keys(b) as (keyof ScoreCounts)[]) out[k] = a[k] + b[k];
  return out;
}

/** Competition ranking on the composite (1, 1, 3), in one pass over the sorted list. */
function withRanks(entries: readonly CityRankedEntry[]): CityRankedEntry[] {
  const sorted = [...entries].sort((a, b) => b.composite - a.composite || a.id.localeCompare(b.id));
  let rank = 0;
  return sorted.map((e, i) => {
    if (i === 0 || e.composite !== sorted[i - 1]!.composite) rank = i + 1;
    return { ...e, rank };
  });
}
