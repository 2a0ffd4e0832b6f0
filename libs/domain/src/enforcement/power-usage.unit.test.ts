import { sampleReferenceData } from '../reference/sample';
import { monthlyUnitScores } from '../scoring/monthly-scores';
import {
  addPowerUsage,
  closedUnderPower,
  dispatchedUnderPower,
  emptyPowerUsage,
  type PowerOutcomeRecord,
  powerUsageRates,
} from './power-usage';

const { policy } = sampleReferenceData();
let n = 0;
const record = (overrides: Partial<PowerOutcomeRecord> = {}): PowerOutcomeRecord => ({
  orderId: `O-${++n}`,
  unitId: 'LS-JMJD',
  closedAt: new Date('2026-11-10T04:00:00Z'),
  respondedWithinLimit: true,
  resolvedWithinLimit: true,
  callback: { solved: true, satisfaction: 'satisfied' },
  excluded: false,
  filtered: false,
  ...overrides,
});

describe('how a devolved power is used (orders, on time, satisfaction)', () => {
  it('counts closed orders as the monthly scores count them, and their rates as the scores’', () => {
    const records = [
      record(),
      record({
        resolvedWithinLimit: false,
        callback: { solved: false, satisfaction: 'dissatisfied' },
      }),
      record({ callback: { solved: true, satisfaction: 'basically_satisfied' } }),
      record({ callback: 'no_answer', respondedWithinLimit: false }),
      record({ excluded: true, callback: { solved: false, satisfaction: 'dissatisfied' } }),
    ];
    const usage = records
      .map((r) => closedUnderPower(r, policy))
      .reduce(addPowerUsage, addPowerUsage(dispatchedUnderPower(), dispatchedUnderPower()));
    const [scores] = monthlyUnitScores(records, policy);
    const { dispatched, closedOnTime, ...scoreCounts } = usage;
    expect(scoreCounts).toEqual(scores!.counts);
    expect(dispatched).toBe(2);
    // Counted: four (the excluded one left); on time: three of them.
    expect(closedOnTime).toBe(3);
    const rates = powerUsageRates(usage, policy);
    expect(rates).toEqual({
      onTimeRate: 3 / 4,
      responseRate: scores!.responseRate,
      resolutionRate: scores!.resolutionRate,
      satisfactionRate: scores!.satisfactionRate,
    });
    expect(rates.satisfactionRate).toBeCloseTo((1 + policy.scoring.basicallySatisfiedWeight) / 3);
  });

  it('does not count an excluded or terminated order as on time', () => {
    expect(closedUnderPower(record({ excluded: true }), policy).closedOnTime).toBe(0);
    expect(closedUnderPower(record({ filtered: true }), policy).closedOnTime).toBe(0);
    expect(closedUnderPower(record(), policy).closedOnTime).toBe(1);
  });

  it('has no rates without closed orders (dispatched only)', () => {
    expect(
      powerUsageRates(addPowerUsage(emptyPowerUsage(), dispatchedUnderPower()), policy),
    ).toEqual({
      onTimeRate: null,
      responseRate: null,
      resolutionRate: null,
      satisfactionRate: null,
    });
  });
});
