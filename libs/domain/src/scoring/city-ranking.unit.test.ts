import { sampleCityReferenceData } from '../reference/sample';
import { rankCity } from './city-ranking';
import { monthlyUnitScores, type OrderOutcomeRecord } from './monthly-scores';

const ref = sampleCityReferenceData();
const CLOSED = new Date('2026-12-10T04:00:00Z');
let n = 0;
/** `good` orders answered solved and satisfied, `bad` ones late, unsolved and dissatisfied. */
function orders(unitId: string, good: number, bad = 0): OrderOutcomeRecord[] {
  const one = (ok: boolean): OrderOutcomeRecord => ({
    orderId: `O${++n}`,
    unitId,
    closedAt: CLOSED,
    respondedWithinLimit: ok,
    callback: ok
      ? { solved: true, satisfaction: 'satisfied' }
      : { solved: false, satisfaction: 'dissatisfied' },
    excluded: false,
    filtered: false,
  });
  return [
    ...Array.from({ length: good }, () => one(true)),
    ...Array.from({ length: bad }, () => one(false)),
  ];
}
const scores = monthlyUnitScores(
  [
    ...orders('LS-SQJD', 3),
    ...orders('LS-JMJD', 1, 1),
    ...orders('HX-HFJD', 3),
    ...orders('LS-BYZ', 2),
    ...orders('LS-CGW', 1, 3),
    ...orders('HX-CGW', 4),
    ...orders('BJ-DT', 2, 2),
    ...orders('BJ-CGW', 1),
    ...orders('LS-GDGS', 1),
    ...orders('XHJD', 2, 2),
  ],
  ref.policy,
);

describe('rankCity: rankings at every level (三率 + composite)', () => {
  const city = rankCity('2026-12', scores, ref);

  it('ranks all streets of the city in one group, ties sharing a rank, listed by id', () => {
    expect(city.groups.streets.map((e) => [e.id, e.rank, e.composite])).toEqual([
      ['HX-HFJD', 1, 100],
      ['LS-SQJD', 1, 100],
      ['LS-JMJD', 3, 50],
      ['XHJD', 3, 50],
    ]);
    expect(city.groups.townships.map((e) => e.id)).toEqual(['LS-BYZ']);
  });

  it('separates district departments and enterprises from city-level ones', () => {
    expect(city.groups.departments.map((e) => e.id)).toEqual(['HX-CGW', 'LS-CGW']);
    expect(city.groups.enterprises.map((e) => e.id)).toEqual(['LS-GDGS']);
    expect(city.groups.cityDepartments.map((e) => e.id)).toEqual(['BJ-CGW']);
    expect(city.groups.cityEnterprises).toMatchObject([
      { id: 'BJ-DT', districtId: null, composite: 50 },
    ]);
  });

  it('ranks districts by the summed counts of their units, city units in none', () => {
    // 澜山区: 3 + 1 + 2 + 1 + 1 = 8 good orders of 12; 禾溪区: 7 of 7; 云川区: 2 of 4.
    expect(city.districts.map((d) => [d.id, d.rank, d.counted, d.composite])).toEqual([
      ['HX', 1, 7, 100],
      ['LS', 2, 12, 66.67],
      ['YC', 3, 4, 50],
    ]);
  });

  it('a district scope ranks only that district’s units, without districts or city units', () => {
    const ls = rankCity('2026-12', scores, ref, { level: 'district', districtId: 'LS' });
    expect(ls.groups.streets.map((e) => e.id)).toEqual(['LS-SQJD', 'LS-JMJD']);
    expect(ls.groups.departments.map((e) => e.id)).toEqual(['LS-CGW']);
    expect(ls.groups.cityEnterprises).toEqual([]);
    expect(ls.districts).toEqual([]);
    expect(ls.unranked).toContain('LS-JTW');
    expect(ls.unranked.every((id) => ref.index.units.get(id)?.districtId === 'LS')).toBe(true);
  });

  it('refuses unknown districts, unknown units and mixed months', () => {
    expect(() => rankCity('2026-12', scores, ref, { level: 'district', districtId: 'ZZ' })).toThrow(
      /Unknown district/,
    );
    expect(() => rankCity('2026-11', scores, ref)).toThrow(/Cannot rank/);
  });
});
