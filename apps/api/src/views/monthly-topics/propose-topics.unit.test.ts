import { proposeMonthlyTopics } from './propose-topics';

const row = (matterTypeCode: string, orders: number, streetId = 'XHJD') => ({
  matterTypeCode,
  streetId,
  orders,
});

describe('proposeMonthlyTopics', () => {
  it('proposes the most frequent matters and the fastest growing ones, saying why', () => {
    const current = [
      row('CG-003', 40),
      row('CG-003', 25, 'LYJD'), // noise: big and steady
      row('SW-001', 30), // water: big, shrinking
      row('JT-002', 12), // parking: small but tripled
      row('YL-001', 6), // trees: new this month
      row('MZ-001', 2), // tiny
    ];
    const previous = [row('CG-003', 60), row('SW-001', 45), row('JT-002', 4), row('MZ-001', 1)];
    const topics = proposeMonthlyTopics(current, previous, {
      perCriterion: 2,
      minOrdersForGrowth: 5,
    });
    expect(topics.map((t) => [t.matterTypeCode, t.reasons])).toEqual([
      ['CG-003', ['most_frequent']],
      ['SW-001', ['most_frequent']],
      ['JT-002', ['fastest_growing']],
      ['YL-001', ['fastest_growing']],
    ]);
    expect(topics[0]).toMatchObject({
      orders: 65,
      previousOrders: 60,
      topStreets: [
        { streetId: 'XHJD', orders: 40 },
        { streetId: 'LYJD', orders: 25 },
      ],
    });
    expect(topics.find((t) => t.matterTypeCode === 'JT-002')?.growth).toBe(2);
    expect(topics.find((t) => t.matterTypeCode === 'YL-001')?.growth).toBeNull();
  });

  it('gives both reasons when the biggest matter is also the fastest growing, and nothing for an empty month', () => {
    const topics = proposeMonthlyTopics([row('CG-003', 50)], [row('CG-003', 10)], {
      perCriterion: 3,
      minOrdersForGrowth: 5,
    });
    expect(topics.map((t) => t.reasons)).toEqual([['most_frequent', 'fastest_growing']]);
    expect(proposeMonthlyTopics([], [row('CG-003', 10)])).toEqual([]);
  });
});
