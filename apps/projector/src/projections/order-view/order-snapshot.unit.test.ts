import { type EventEnvelope } from '@hotline/contracts';
import { evolveOrderSnapshot, type OrderSnapshot } from './order-snapshot';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
let seq = 0;
const ev = (type: string, payload: Record<string, unknown>, minutes = seq * 10): EventEnvelope => {
  seq += 1;
  return {
    eventId: `e${seq}`,
    aggregateType: 'order',
    aggregateId: 'HL20261123-0000042',
    sequence: seq,
    type,
    schemaVersion: 1,
    occurredAt: at(minutes),
    payload,
  };
};

const received = () =>
  ev('OrderReceived', {
    orderId: 'HL20261123-0000042',
    channel: 'phone',
    category: 'complaint',
    content: '夜间施工噪音',
    matterTypeCode: 'CG-003',
    urgency: 'normal',
    location: { address: '星湖东里3号楼', streetId: 'XHJD', communityId: 'XHJD-01' },
    receivedAt: at(0),
  });
const dispatched = (minutes: number) =>
  ev(
    'OrderDispatched',
    {
      leadUnitId: 'CGZF',
      assistingUnitIds: ['XHJD'],
      supervisingUnitIds: ['ZHZX'],
      attempt: 1,
      rule: 'duty list',
      dispatchedBy: 'rules',
      deadlines: { acknowledgeBy: at(minutes + 60), returnBy: at(minutes + 120) },
    },
    minutes,
  );

function fold(events: EventEnvelope[]): OrderSnapshot {
  let s: OrderSnapshot | null = null;
  for (const e of events) s = evolveOrderSnapshot(s, e);
  if (!s) throw new Error('no snapshot');
  return s;
}

beforeEach(() => (seq = 0));

describe('evolveOrderSnapshot', () => {
  it('folds a completed lifecycle into the closed order with its outcome', () => {
    const s = fold([
      received(),
      dispatched(1),
      ev(
        'OrderAcknowledged',
        {
          unitId: 'CGZF',
          withinLimit: true,
          deadlines: { respondBy: at(600), handleBy: at(10_000) },
          reminders: [],
        },
        20,
      ),
      ev('OrderResponded', { unitId: 'CGZF', withinLimit: true, note: '已联系' }, 30),
      ev(
        'OrderResolved',
        {
          unitId: 'CGZF',
          outcome: 'solved',
          summary: '已停工',
          withinLimit: true,
          round: 1,
          callbackDueAt: at(2000),
        },
        40,
      ),
      ev(
        'CallbackRecorded',
        { attempt: 1, reached: true, solved: true, satisfaction: 'satisfied', note: '' },
        50,
      ),
      ev(
        'OrderClosed',
        {
          closure: 'completed',
          leadUnitId: 'CGZF',
          reworkRounds: 0,
          returnCount: 0,
          excluded: false,
          breaches: [],
        },
        50,
      ),
    ]);
    expect(s).toMatchObject({
      status: 'closed',
      closure: 'completed',
      closedAt: at(50),
      leadUnitId: 'CGZF',
      acknowledgedAt: at(20),
      respondedWithinLimit: true,
      resolutionOutcome: 'solved',
      callbackAnswered: true,
      callbackSatisfaction: 'satisfied',
      lastSequence: 7,
      nextDueKind: null,
      nextDueAt: null,
    });
  });

  it('says what is due next: acknowledge, then the response before the handling limit, then the callback', () => {
    const d = fold([received(), dispatched(1)]);
    expect([d.nextDueKind, d.nextDueAt]).toEqual(['acknowledge', at(61)]);
    const a = evolveOrderSnapshot(
      d,
      ev(
        'OrderAcknowledged',
        {
          unitId: 'CGZF',
          withinLimit: true,
          deadlines: { respondBy: at(600), handleBy: at(10_000) },
          reminders: [],
        },
        20,
      ),
    )!;
    expect([a.nextDueKind, a.nextDueAt]).toEqual(['response', at(600)]);
    const r = evolveOrderSnapshot(
      a,
      ev('OrderResponded', { unitId: 'CGZF', withinLimit: true, note: 'x' }, 30),
    )!;
    expect([r.nextDueKind, r.nextDueAt]).toEqual(['handling', at(10_000)]);
    const v = evolveOrderSnapshot(
      r,
      ev(
        'OrderResolved',
        {
          unitId: 'CGZF',
          outcome: 'solved',
          summary: 'x',
          withinLimit: true,
          round: 1,
          callbackDueAt: at(12_000),
        },
        40,
      ),
    )!;
    expect([v.nextDueKind, v.nextDueAt]).toEqual(['callback', at(12_000)]);
  });

  it('keeps an overdue limit as due next when nothing later is pending, and records the breach once', () => {
    const d = fold([received(), dispatched(1)]);
    const b1 = evolveOrderSnapshot(
      d,
      ev('DeadlineBreached', { kind: 'acknowledge', deadline: at(61), unitId: 'CGZF' }, 61),
    )!;
    const b2 = evolveOrderSnapshot(
      b1,
      ev('OrderEscalated', { note: '督办', unitId: 'CGZF', automatic: true }, 61),
    )!;
    expect(b2).toMatchObject({
      breaches: ['acknowledge'],
      firstBreachedAt: at(61),
      escalationCount: 1,
      lastEscalationNote: '督办',
      nextDueKind: 'acknowledge',
      nextDueAt: at(61),
    });
  });

  it('starts the clocks again on rework (重办) and on re-dispatch after a return (退单)', () => {
    const s = fold([
      received(),
      dispatched(1),
      ev(
        'OrderReturned',
        {
          unitId: 'CGZF',
          reason: 'jurisdiction',
          explanation: '不属于本单位职责范围',
          returnCount: 1,
        },
        10,
      ),
      ev(
        'OrderDispatched',
        {
          leadUnitId: 'ZJW',
          assistingUnitIds: [],
          supervisingUnitIds: ['ZHZX'],
          attempt: 2,
          rule: 'next',
          dispatchedBy: 'rules',
          deadlines: { acknowledgeBy: at(70) },
        },
        10,
      ),
    ]);
    expect(s).toMatchObject({
      leadUnitId: 'ZJW',
      dispatchAttempt: 2,
      returnCount: 1,
      returnBy: null,
      nextDueAt: at(70),
    });
    const w = evolveOrderSnapshot(
      {
        ...s,
        status: 'resolved',
        respondedAt: at(20),
        callbackAnswered: true,
        callbackSolved: false,
      },
      ev(
        'OrderReworked',
        {
          unitId: 'ZJW',
          round: 1,
          reason: 'not solved',
          deadlines: { respondBy: at(900), handleBy: at(9000) },
        },
        100,
      ),
    )!;
    expect(w).toMatchObject({
      status: 'acknowledged',
      reworkRounds: 1,
      respondedAt: null,
      callbackAnswered: null,
      nextDueKind: 'response',
      nextDueAt: at(900),
    });
  });

  it('keeps three-level facts: who took it, the district, the lead level, push-downs flagged', () => {
    const takenByCity = received();
    (takenByCity.payload as Record<string, unknown>).takenBy = { level: 'city' };
    const levels = (attempt: number, leadUnitId: string, more: Record<string, unknown>) =>
      ev('OrderDispatched', {
        leadUnitId,
        assistingUnitIds: [],
        supervisingUnitIds: ['LS-ZHZX'],
        attempt,
        rule: 'r',
        dispatchedBy: attempt === 1 ? 'rules' : 'arbitration',
        deadlines: {},
        districtId: 'LS',
        ...more,
      });
    const s = fold([
      takenByCity,
      levels(1, 'LS-CGW', { leadLevel: 'district' }),
      levels(2, 'LS-SQJD', {
        leadLevel: 'street',
        pushDown: {
          fromUnitId: 'BJ-RXZX',
          flagged: true,
          code: 'pushed_down_without_reason',
          explanation: 'x',
        },
      }),
      levels(3, 'LS-JMJD', {
        leadLevel: 'street',
        pushDown: { fromUnitId: 'LS-ZHZX', flagged: false, code: 'reasoned', explanation: 'y' },
      }),
    ]);
    expect(s).toMatchObject({
      takenByLevel: 'city',
      districtId: 'LS',
      leadLevel: 'street',
      pushDowns: 2,
      pushDownsFlagged: 1,
    });
    // An order of the district deployment (no takenBy, no levels) keeps nulls and zeros.
    seq = 0;
    expect(fold([received(), dispatched(1)])).toMatchObject({
      takenByLevel: null,
      districtId: null,
      leadLevel: null,
      pushDowns: 0,
      pushDownsFlagged: 0,
    });
  });

  it('shows nothing for events of an order whose intake it never saw', () => {
    seq = 1;
    expect(evolveOrderSnapshot(null, dispatched(1))).toBeNull();
  });
});
