import { validateEvent } from '@hotline/contracts';
import { sampleReferenceData } from '@hotline/domain';
import {
  beijingDay,
  type GroupOrder,
  hotspotDetectedEvent,
  hotspotWindowsTouching,
} from './hotspot-windows';

const ref = sampleReferenceData(); // 5 orders in 7 days by default
const group = { matterTypeCode: 'CG-003', communityId: 'XHJD-01' };
const order = (id: string, day: string): GroupOrder => ({
  orderId: id,
  receivedAt: new Date(`${day}T10:00:00+08:00`),
  receivedDay: day,
});

describe('hotspotWindowsTouching', () => {
  it('finds the window ending on the day the fifth order in seven days arrived', () => {
    const orders = ['11-01', '11-02', '11-04', '11-06', '11-07'].map((d, i) =>
      order(`o${i}`, `2026-${d}`),
    );
    expect(hotspotWindowsTouching(group, '2026-11-07', orders, ref)).toEqual([
      {
        hotspotId: 'CG-003|XHJD-01|2026-11-07',
        ...group,
        windowStart: '2026-11-01',
        windowEnd: '2026-11-07',
        orderIds: ['o0', 'o1', 'o2', 'o3', 'o4'],
      },
    ]);
  });

  it('ignores five orders spread over more than seven days', () => {
    const orders = ['11-01', '11-02', '11-04', '11-06', '11-08'].map((d, i) =>
      order(`o${i}`, `2026-${d}`),
    );
    expect(hotspotWindowsTouching(group, '2026-11-08', orders, ref)).toEqual([]);
  });

  it('lets a late order fill an earlier window', () => {
    const orders = ['11-01', '11-02', '11-03', '11-04', '11-09', '11-10'].map((d, i) =>
      order(`o${i}`, `2026-${d}`),
    );
    const late = order('late', '2026-11-05');
    const all = [...orders, late];
    const windows = hotspotWindowsTouching(group, '2026-11-05', all, ref).map((w) => w.hotspotId);
    expect(windows).toEqual(['CG-003|XHJD-01|2026-11-05']);
  });
});

describe('hotspotDetectedEvent', () => {
  it('is a valid event with an id that is the same every time it is derived', () => {
    const [window] = hotspotWindowsTouching(
      group,
      '2026-11-07',
      ['11-03', '11-04', '11-05', '11-06', '11-07'].map((d, i) => order(`o${i}`, `2026-${d}`)),
      ref,
    );
    const cause = { eventId: 'c', occurredAt: '2026-11-07T02:00:00.000Z' } as Parameters<
      typeof hotspotDetectedEvent
    >[2];
    const a = hotspotDetectedEvent(window!, 'XHJD', cause, ref);
    const b = hotspotDetectedEvent(window!, 'XHJD', { ...cause, eventId: 'other' }, ref);
    expect(a.eventId).toBe(b.eventId);
    expect(a.eventId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(validateEvent(a)).toMatchObject({ ok: true });
  });

  it('dates orders by the Beijing calendar', () => {
    expect(beijingDay(new Date('2026-11-06T16:30:00Z'))).toBe('2026-11-07');
  });
});
