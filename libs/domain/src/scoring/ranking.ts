/**
 * Monthly ranking in Beijing's four groups. Ties share a rank and the next rank skips
 * (competition ranking: 1, 1, 3). Units without a composite (no counted orders) are not ranked.
 */
import type { RankingGroup, ReferenceData, UnitKind } from '../reference/types';
import type { UnitMonthScore } from './monthly-scores';

export interface RankedUnit {
  readonly unitId: string;
  readonly name: string;
  readonly rank: number;
  readonly composite: number;
}

export interface UnitRanking {
  readonly month: string | null;
  readonly groups: Readonly<Record<RankingGroup, readonly RankedUnit[]>>;
  /** Ranked units with no counted orders this month, by id. */
  readonly unranked: readonly string[];
}

export const RANKING_GROUP_OF: Readonly<Record<UnitKind, RankingGroup>> = {
  street: 'streets',
  township: 'townships',
  department: 'departments',
  enterprise: 'enterprises',
};

/** Ranks one month's scores; throws if the scores mix months or name unknown units. */
export function rankUnits(scores: readonly UnitMonthScore[], ref: ReferenceData): UnitRanking {
  const month = scores[0]?.month ?? null;
  const composites = new Map<string, number>();
  for (const s of scores) {
    if (s.month !== month)
      throw new RangeError(`Cannot rank ${s.month} with ${month}: one month at a time`);
    if (!ref.index.units.has(s.unitId))
      throw new RangeError(`Unknown unit "${s.unitId}" in scores`);
    if (s.composite !== null) composites.set(s.unitId, s.composite);
  }
  const groups: Record<RankingGroup, RankedUnit[]> = {
    streets: [],
    townships: [],
    departments: [],
    enterprises: [],
  };
  const unranked: string[] = [];
  for (const unit of ref.units.filter((u) => u.ranked)) {
    const composite = composites.get(unit.id);
    if (composite === undefined) unranked.push(unit.id);
    else
      groups[RANKING_GROUP_OF[unit.kind]].push({
        unitId: unit.id,
        name: unit.name,
        rank: 0,
        composite,
      });
  }
  return {
    month,
    groups: {
      streets: withRanks(groups.streets),
      townships: withRanks(groups.townships),
      departments: withRanks(groups.departments),
      enterprises: withRanks(groups.enterprises),
    },
    unranked: unranked.sort(),
  };
}

function withRanks(units: readonly RankedUnit[]): RankedUnit[] {
  const sorted = [...units].sort(
    (a, b) => b.composite - a.composite || a.unitId.localeCompare(b.unitId),
  );
  return sorted.map((u) => ({
    ...u,
    rank: 1 + sorted.filter((o) => o.composite > u.composite).length,
  }));
}
