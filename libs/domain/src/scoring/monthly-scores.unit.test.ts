import { sampleReferenceData } from '../reference/sample';
import { monthlyUnitScores, type CallbackOutcome, type OrderOutcomeRecord } from './monthly-scores';

const { policy } = sampleReferenceData();
let seq = 0;
const record = (
  unitId: string,
  callback: CallbackOutcome,
  more: Partial<OrderOutcomeRecord> = {},
): OrderOutcomeRecord => ({
  orderId: `GD-${++seq}`,
  unitId,
  closedAt: new Date('2026-11-10T10:00:00+08:00'),
  respondedWithinLimit: true,
  callback,
  excluded: false,
  filtered: false,
  ...more,
});
const happy: CallbackOutcome = { solved: true, satisfaction: 'satisfied' };

describe('monthlyUnitScores', () => {
  it('computes the three rates and the weighted composite', () => {
    const [score] = monthlyUnitScores(
      [
        record('XHJD', happy),
        record('XHJD', { solved: true, satisfaction: 'basically_satisfied' }),
        record(
          'XHJD',
          { solved: false, satisfaction: 'dissatisfied' },
          { respondedWithinLimit: false },
        ),
        record('XHJD', 'no_answer'),
      ],
      policy,
    );
    expect(score.responseRate).toBe(3 / 4);
    expect(score.resolutionRate).toBe(2 / 3);
    expect(score.satisfactionRate).toBeCloseTo(1.8 / 3, 12);
    // 0.30 × 0.75 + 0.35 × 0.6667 + 0.35 × 0.6 = 0.668333…
    expect(score.composite).toBe(66.83);
    expect(score.counts).toMatchObject({
      closed: 4,
      counted: 4,
      callbacksAnswered: 3,
      noAnswer: 1,
    });
  });

  it('takes excluded and filtered orders out of every denominator', () => {
    const [score] = monthlyUnitScores(
      [
        record('CGW', happy),
        record(
          'CGW',
          { solved: false, satisfaction: 'dissatisfied' },
          { excluded: true, respondedWithinLimit: false },
        ),
        record('CGW', { solved: false, satisfaction: 'dissatisfied' }, { filtered: true }),
      ],
      policy,
    );
    expect(score).toMatchObject({
      responseRate: 1,
      resolutionRate: 1,
      satisfactionRate: 1,
      composite: 100,
    });
    expect(score.counts).toMatchObject({ closed: 3, excluded: 1, filtered: 1, counted: 1 });
  });

  it('leaves a rate without data null and weighs the composite over the rates it has', () => {
    const [onlyNoAnswer] = monthlyUnitScores(
      [record('SJJ', 'no_answer', { respondedWithinLimit: false }), record('SJJ', 'no_answer')],
      policy,
    );
    expect(onlyNoAnswer).toMatchObject({
      responseRate: 0.5,
      resolutionRate: null,
      satisfactionRate: null,
      composite: 50,
    });
    const [allExcluded] = monthlyUnitScores([record('JW', happy, { excluded: true })], policy);
    expect(allExcluded).toMatchObject({ responseRate: null, composite: null });
  });

  it('groups by unit and by Shanghai calendar month', () => {
    const scores = monthlyUnitScores(
      [
        record('XHJD', happy, { closedAt: new Date('2026-10-31T17:00:00Z') }), // 1 Nov 01:00 in Beijing
        record('XHJD', happy, { closedAt: new Date('2026-10-31T15:00:00Z') }), // 31 Oct 23:00
        record('XHJD', happy),
        record('LYJD', happy),
      ],
      policy,
    );
    expect(scores.map((s) => `${s.month} ${s.unitId} ${s.counts.closed}`)).toEqual([
      '2026-10 XHJD 1',
      '2026-11 LYJD 1',
      '2026-11 XHJD 2',
    ]);
  });

  it('refuses to count one order twice for the same unit', () => {
    const once = record('XHJD', happy);
    expect(() => monthlyUnitScores([once, once], policy)).toThrow(/counted twice/);
  });
});
