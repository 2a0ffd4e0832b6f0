import fc from 'fast-check';
import { sampleReferenceData } from '../reference/sample';
import { monthlyUnitScores, type OrderOutcomeRecord, type UnitMonthScore } from './monthly-scores';

const { policy } = sampleReferenceData();

const callback = fc.oneof(
  fc.constant('no_answer' as const),
  fc.record({
    solved: fc.boolean(),
    satisfaction: fc.constantFrom(
      'satisfied' as const,
      'basically_satisfied' as const,
      'dissatisfied' as const,
    ),
  }),
);
const records = fc
  .array(
    fc.record({
      unitId: fc.constantFrom('XHJD', 'LYJD', 'CGW', 'ZLS'),
      day: fc.integer({ min: 1, max: 28 }),
      respondedWithinLimit: fc.boolean(),
      callback,
      excluded: fc.boolean(),
      filtered: fc.boolean(),
    }),
    { maxLength: 60 },
  )
  .map((rows) =>
    rows.map((r, i): OrderOutcomeRecord => ({
      orderId: `GD-${i}`,
      unitId: r.unitId,
      closedAt: new Date(`2026-11-${String(r.day).padStart(2, '0')}T12:00:00+08:00`),
      respondedWithinLimit: r.respondedWithinLimit,
      callback: r.callback,
      excluded: r.excluded,
      filtered: r.filtered,
    })),
  );

const byUnit = (scores: readonly UnitMonthScore[]) => new Map(scores.map((s) => [s.unitId, s]));
const inUnitInterval = (rate: number | null) => rate === null || (rate >= 0 && rate <= 1);

describe('monthly scores (properties)', () => {
  it('keeps every rate in [0, 1] and the composite in [0, 100]', () => {
    fc.assert(
      fc.property(records, (rs) => {
        for (const s of monthlyUnitScores(rs, policy)) {
          expect([s.responseRate, s.resolutionRate, s.satisfactionRate].every(inUnitInterval)).toBe(
            true,
          );
          expect(s.composite === null || (s.composite >= 0 && s.composite <= 100)).toBe(true);
          expect(s.composite === null).toBe(s.counts.counted === 0);
        }
      }),
    );
  });

  it("never changes another unit's score when one unit's order is excluded", () => {
    fc.assert(
      fc.property(records, fc.nat(), (rs, pick) => {
        fc.pre(rs.length > 0);
        const target = rs[pick % rs.length];
        const after = rs.map((r) => (r === target ? { ...r, excluded: true } : r));
        const before = byUnit(monthlyUnitScores(rs, policy));
        const changed = byUnit(monthlyUnitScores(after, policy));
        for (const [unitId, score] of before) {
          if (unitId !== target.unitId) expect(changed.get(unitId)).toEqual(score);
        }
      }),
    );
  });

  it('does not depend on the order of the records', () => {
    fc.assert(
      fc.property(records, (rs) => {
        expect(monthlyUnitScores([...rs].reverse(), policy)).toEqual(monthlyUnitScores(rs, policy));
      }),
    );
  });

  it('never lowers a composite by adding a perfect order', () => {
    fc.assert(
      fc.property(records, (rs) => {
        const perfect: OrderOutcomeRecord = {
          orderId: 'GD-perfect',
          unitId: 'XHJD',
          closedAt: new Date('2026-11-15T12:00:00+08:00'),
          respondedWithinLimit: true,
          callback: { solved: true, satisfaction: 'satisfied' },
          excluded: false,
          filtered: false,
        };
        const before = byUnit(monthlyUnitScores(rs, policy)).get('XHJD')?.composite ?? 0;
        const after =
          byUnit(monthlyUnitScores([...rs, perfect], policy)).get('XHJD')?.composite ?? 0;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });
});
