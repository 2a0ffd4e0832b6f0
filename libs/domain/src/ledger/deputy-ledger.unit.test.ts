import { type LedgerDeputyItemRow } from './deputy-ledger';
import { buildUnitLedger, monthPeriod } from './unit-ledger';

const nov = monthPeriod('2026-11');
const d = (iso: string) => new Date(iso);
const row = (itemId: string, over: Partial<LedgerDeputyItemRow> = {}): LedgerDeputyItemRow => ({
  itemId,
  route: 'proposal',
  handedOverAt: d('2026-11-05T02:00:00Z'),
  answeredAt: d('2026-11-20T02:00:00Z'),
  answeredOnTime: true,
  rating: 'satisfied',
  overduePhases: [],
  ...over,
});

const ledgerOf = (deputyItems?: LedgerDeputyItemRow[]) =>
  buildUnitLedger({
    unitId: 'JTW',
    unitName: '云川区交通委员会',
    period: nov,
    generatedAt: d('2026-12-01T01:00:00Z'),
    orders: [],
    whistles: [],
    ...(deputyItems ? { deputyItems } : {}),
  });

describe('the deputies’ section of a unit’s ledger (代表建议办理)', () => {
  it('is there only when the deputies’ items are given', () => {
    expect(ledgerOf().sections.map((s) => s.key)).not.toContain('deputies');
    expect(ledgerOf([]).sections.at(-1)).toMatchObject({
      key: 'deputies',
      title: '六、人大代表建议办理',
    });
  });

  it('counts hand-overs, answers on time, overdue, ratings and open items, each with its items', () => {
    const section = ledgerOf([
      row('DB-1'),
      row('DB-2', { answeredOnTime: false, rating: 'dissatisfied', overduePhases: ['answer'] }),
      row('DB-3', { answeredAt: null, answeredOnTime: null, rating: null }),
      row('DB-4', { route: 'order', handedOverAt: d('2026-10-28T02:00:00Z'), rating: null }),
      // Handed over and answered in October: not this month's.
      row('DB-5', {
        handedOverAt: d('2026-10-01T02:00:00Z'),
        answeredAt: d('2026-10-10T02:00:00Z'),
      }),
      // Answered in December: open at the end of November.
      row('DB-6', { answeredAt: d('2026-12-02T02:00:00Z') }),
    ]).sections.at(-1)!;
    const get = (key: string) => section.lines.find((l) => l.key === key)!;
    expect(get('deputy_received')).toMatchObject({
      value: 4,
      basis: ['DB-1', 'DB-2', 'DB-3', 'DB-6'],
    });
    expect(get('deputy_answered')).toMatchObject({ value: 3, basis: ['DB-1', 'DB-2', 'DB-4'] });
    expect(get('deputy_orders_answered')).toMatchObject({ value: 1, basis: ['DB-4'] });
    expect(get('deputy_answered_on_time')).toMatchObject({ value: 2, rate: 2 / 3 });
    expect(get('deputy_answer_overdue')).toMatchObject({ value: 1, basis: ['DB-2'], rate: 1 / 4 });
    expect(get('deputy_rated')).toMatchObject({ value: 2, rate: 2 / 3 });
    expect(get('deputy_satisfied')).toMatchObject({ value: 1, rate: 0.5 });
    expect(get('deputy_dissatisfied')).toMatchObject({ value: 1, basis: ['DB-2'] });
    expect(get('deputy_open_at_end')).toMatchObject({ value: 2, basis: ['DB-3', 'DB-6'] });
  });
});
