import {
  buildUnitLedger,
  dayRangePeriod,
  type LedgerOrderRow,
  type LedgerWhistleRow,
  monthPeriod,
} from './unit-ledger';

const at = (iso: string) => new Date(iso);

function order(id: string, over: Partial<LedgerOrderRow> = {}): LedgerOrderRow {
  return {
    orderId: id,
    matterTypeCode: 'CG-010',
    urgency: 'normal',
    status: 'acknowledged',
    role: 'lead',
    receivedAt: at('2026-11-03T02:00:00Z'),
    dispatchedAt: at('2026-11-03T02:05:00Z'),
    acknowledgedAt: null,
    respondedAt: null,
    respondedWithinLimit: null,
    resolvedAt: null,
    resolvedWithinLimit: null,
    handleBy: null,
    closedAt: null,
    closure: null,
    callbackAnswered: null,
    callbackSolved: null,
    callbackSatisfaction: null,
    returnCount: 0,
    reworkRounds: 0,
    breaches: [],
    urgeCount: 0,
    escalationCount: 0,
    extensionStatus: null,
    exclusionStatus: null,
    ...over,
  };
}

function whistle(id: string, over: Partial<LedgerWhistleRow> = {}): LedgerWhistleRow {
  return {
    whistleId: id,
    role: 'summoned',
    whistleType: 'routine',
    status: 'acting',
    blownAt: at('2026-11-10T01:00:00Z'),
    closedAt: null,
    report: 'on_time',
    commitment: 'made',
    completedAt: null,
    escalated: false,
    ...over,
  };
}

const november = monthPeriod('2026-11');
const build = (orders: LedgerOrderRow[], whistles: LedgerWhistleRow[] = []) =>
  buildUnitLedger({
    unitId: 'XHJD',
    unitName: '星湖街道',
    period: november,
    generatedAt: at('2026-12-01T00:00:00Z'),
    orders,
    whistles,
  });
const figure = (ledger: ReturnType<typeof build>, key: string) => {
  const found = ledger.sections.flatMap((s) => s.lines).find((l) => l.key === key);
  if (!found) throw new Error(`no line ${key}`);
  return found;
};

describe('monthPeriod', () => {
  it('spans the Beijing calendar month: from 16:00 UTC the day before to the same of the last day', () => {
    expect(november.from.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(november.to.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(november.label).toBe('2026年11月');
    expect(monthPeriod('2026-12').to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('refuses what is not a month', () => {
    expect(() => monthPeriod('2026-13')).toThrow(RangeError);
    expect(() => monthPeriod('11/2026')).toThrow(RangeError);
  });
});

describe('dayRangePeriod', () => {
  it('covers whole Beijing days, both ends inclusive', () => {
    const p = dayRangePeriod('2026-11-01', '2026-11-15');
    expect(p.from.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(p.to.toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(p.label).toBe('2026-11-01 至 2026-11-15');
  });

  it('refuses impossible dates and reversed ranges', () => {
    expect(() => dayRangePeriod('2026-02-30', '2026-03-01')).toThrow(RangeError);
    expect(() => dayRangePeriod('2026-11-15', '2026-11-01')).toThrow(RangeError);
  });
});

describe('buildUnitLedger', () => {
  it('counts an order in the month it was dispatched, not in the month it was received', () => {
    const ledger = build([
      order('HL20261031-0000001', {
        receivedAt: at('2026-10-31T15:50:00Z'),
        dispatchedAt: at('2026-10-31T16:01:00Z'), // 00:01 on 1 November, Beijing time
      }),
      order('HL20261130-0000002', {
        receivedAt: at('2026-11-30T15:55:00Z'),
        dispatchedAt: at('2026-11-30T16:00:00Z'), // 00:00 on 1 December
      }),
    ]);
    expect(figure(ledger, 'received').basis).toEqual(['HL20261031-0000001']);
  });

  it('gives every rate the denominator printed beside it, and the ids behind each figure', () => {
    const ledger = build([
      order('A', {
        acknowledgedAt: at('2026-11-03T02:30:00Z'),
        respondedAt: at('2026-11-03T05:00:00Z'),
        respondedWithinLimit: true,
        resolvedAt: at('2026-11-05T05:00:00Z'),
        resolvedWithinLimit: true,
        closedAt: at('2026-11-06T05:00:00Z'),
        status: 'closed',
        callbackAnswered: true,
        callbackSolved: true,
        callbackSatisfaction: 'satisfied',
      }),
      order('B', {
        acknowledgedAt: at('2026-11-03T02:30:00Z'),
        respondedAt: at('2026-11-05T05:00:00Z'),
        respondedWithinLimit: false,
        resolvedAt: at('2026-11-20T05:00:00Z'),
        resolvedWithinLimit: false,
        closedAt: at('2026-11-21T05:00:00Z'),
        status: 'closed',
        callbackAnswered: true,
        callbackSolved: false,
        callbackSatisfaction: 'dissatisfied',
        breaches: ['handle'],
        urgeCount: 1,
        reworkRounds: 1,
      }),
      order('C', { handleBy: at('2026-11-20T00:00:00Z') }),
      order('D', { role: 'assisting' }),
    ]);
    expect(figure(ledger, 'received')).toMatchObject({ value: 3, basis: ['A', 'B', 'C'] });
    expect(figure(ledger, 'assisted').basis).toEqual(['D']);
    expect(figure(ledger, 'acknowledged')).toMatchObject({ value: 2, rate: 2 / 3 });
    expect(figure(ledger, 'responded_on_time')).toMatchObject({ basis: ['A'], rate: 0.5 });
    expect(figure(ledger, 'solved')).toMatchObject({ basis: ['A'], rate: 0.5 });
    expect(figure(ledger, 'dissatisfied').basis).toEqual(['B']);
    expect(figure(ledger, 'breached')).toMatchObject({ basis: ['B'], rate: 1 / 3 });
    expect(figure(ledger, 'reworked').basis).toEqual(['B']);
    expect(figure(ledger, 'open_at_end').basis).toEqual(['C']);
    expect(figure(ledger, 'overdue_open').basis).toEqual(['C']);
  });

  it('shows no rate when nothing stands under it, rather than 0% or 100%', () => {
    const ledger = build([order('A')]);
    expect(figure(ledger, 'solved').rate).toBeNull();
    expect(figure(ledger, 'responded_on_time').rate).toBeNull();
  });

  it('separates whistles the unit blew from those it was summoned to', () => {
    const ledger = build(
      [],
      [
        whistle('W1', { role: 'blower', status: 'closed', closedAt: at('2026-11-12T00:00:00Z') }),
        whistle('W2', { report: 'missed', commitment: 'missed' }),
        whistle('W3', { completedAt: at('2026-11-15T00:00:00Z') }),
        whistle('W4', { blownAt: at('2026-12-02T00:00:00Z') }),
      ],
    );
    expect(figure(ledger, 'blown').basis).toEqual(['W1']);
    expect(figure(ledger, 'blown_closed').basis).toEqual(['W1']);
    expect(figure(ledger, 'summoned').basis).toEqual(['W2', 'W3']);
    expect(figure(ledger, 'reported_on_time')).toMatchObject({ basis: ['W3'], rate: 0.5 });
    expect(figure(ledger, 'report_missed').basis).toEqual(['W2']);
    expect(figure(ledger, 'completed').basis).toEqual(['W3']);
  });
});
