import { sampleReferenceData } from '../reference/sample';
import type { UnitMonthScore } from './monthly-scores';
import { rankUnits } from './ranking';

const ref = sampleReferenceData();
const score = (unitId: string, composite: number | null, month = '2026-11'): UnitMonthScore => ({
  unitId,
  month,
  counts: {
    closed: 1,
    excluded: 0,
    filtered: 0,
    counted: composite === null ? 0 : 1,
    respondedInTime: 1,
    callbacksAnswered: 0,
    noAnswer: 0,
    solved: 0,
    satisfied: 0,
    basicallySatisfied: 0,
    dissatisfied: 0,
  },
  responseRate: null,
  resolutionRate: null,
  satisfactionRate: null,
  composite,
});

describe('rankUnits', () => {
  const ranking = rankUnits(
    [
      score('XHJD', 91.5),
      score('LYJD', 95),
      score('CPJD', 91.5),
      score('LHJD', 88),
      score('FQJD', null),
      score('QYZ', 80),
      score('TYZ', 85),
      score('CGW', 90),
      score('ZLS', 97.25),
      score('ZHZX', 99),
    ],
    ref,
  );

  it('ranks within the four groups, ties sharing a rank (1, 2, 2, 4)', () => {
    expect(ranking.groups.streets.map((u) => [u.unitId, u.rank])).toEqual([
      ['LYJD', 1],
      ['CPJD', 2],
      ['XHJD', 2],
      ['LHJD', 4],
    ]);
    expect(ranking.groups.townships.map((u) => [u.unitId, u.rank])).toEqual([
      ['TYZ', 1],
      ['QYZ', 2],
    ]);
    expect(ranking.groups.departments.map((u) => u.unitId)).toEqual(['CGW']);
    expect(ranking.groups.enterprises).toEqual([
      { unitId: 'ZLS', name: '北京市自来水集团云川供水分公司', rank: 1, composite: 97.25 },
    ]);
  });

  it('leaves units without counted orders unranked, and never ranks the centre', () => {
    expect(ranking.unranked).toContain('FQJD');
    expect(ranking.unranked).toContain('WCJD');
    expect(ranking.unranked).not.toContain('ZHZX');
    expect(ranking.groups.departments.map((u) => u.unitId)).not.toContain('ZHZX');
  });

  it('ranks one month at a time', () => {
    expect(() =>
      rankUnits([score('XHJD', 90, '2026-10'), score('LYJD', 90, '2026-11')], ref),
    ).toThrow(/one month/);
    expect(rankUnits([], ref).month).toBeNull();
  });
});
