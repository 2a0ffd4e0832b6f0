import { type EventEnvelope, type HotspotDetectedV1 } from '@hotline/contracts';
import { findHotspots, type ReferenceData } from '@hotline/domain';
import { deterministicUuid } from '../../runner/deterministic-id';

/**
 * Hotspot windows (未诉先办). A window is `windowDays` Beijing calendar days ending on a day on
 * which the group (matter type × community) received an accepted order; it is a hotspot when
 * libs/domain's `findHotspots` says so (≥ minOrders by default 5 in 7 days).
 *
 * Why windows end only on days with orders: the set of hotspot windows then depends only on
 * which orders exist, never on the order in which the projector saw them (orders of one
 * community sit on different partitions), and it only grows — so a replay finds the same
 * windows and a detected window is never withdrawn.
 */

export interface GroupOrder {
  orderId: string;
  receivedAt: Date;
  /** YYYY-MM-DD, Beijing time. */
  receivedDay: string;
}

export interface HotspotWindow {
  hotspotId: string;
  matterTypeCode: string;
  communityId: string;
  windowStart: string;
  windowEnd: string;
  orderIds: string[];
}

const DAY_MS = 86_400_000;
export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** The last instant of a Beijing calendar day (UTC+8 all year). */
const endOfBeijingDay = (day: string) => new Date(Date.parse(`${day}T23:59:59.999+08:00`));
export const beijingDay = (instant: Date) =>
  new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The hotspot windows an order received on `day` belongs to: windows ending on `day` or on a
 * later day (within the window length) on which the group has orders. `orders` must hold the
 * group's accepted orders received within `windowDays - 1` days either side of `day`.
 */
export function hotspotWindowsTouching(
  group: { matterTypeCode: string; communityId: string },
  day: string,
  orders: readonly GroupOrder[],
  ref: ReferenceData,
): HotspotWindow[] {
  const { windowDays } = ref.policy.hotspot;
  const lastEnd = addDays(day, windowDays - 1);
  const ends = [...new Set(orders.map((o) => o.receivedDay))]
    .filter((d) => d >= day && d <= lastEnd)
    .sort();
  return ends
    .map((end) => hotspotWindow(group, end, orders, ref))
    .filter((w): w is HotspotWindow => w !== null);
}

/**
 * The window ending on `end`, when libs/domain finds a hotspot in it (null otherwise). `orders`
 * must hold the group's accepted orders received within the window (others are left out).
 */
export function hotspotWindow(
  group: { matterTypeCode: string; communityId: string },
  end: string,
  orders: readonly GroupOrder[],
  ref: ReferenceData,
): HotspotWindow | null {
  const start = addDays(end, -(ref.policy.hotspot.windowDays - 1));
  const inWindow = orders.filter((o) => o.receivedDay >= start && o.receivedDay <= end);
  const [hotspot] = findHotspots(
    inWindow.map((o) => ({ ...group, orderId: o.orderId, receivedAt: o.receivedAt })),
    endOfBeijingDay(end),
    ref,
  );
  if (!hotspot) return null;
  return {
    hotspotId: `${group.matterTypeCode}|${group.communityId}|${end}`,
    ...group,
    windowStart: start,
    windowEnd: end,
    orderIds: [...hotspot.orderIds].sort(),
  };
}

/** The HotspotDetected event of a window: the same id, sequence and type however often derived. */
export function hotspotDetectedEvent(
  window: HotspotWindow,
  streetId: string | null,
  cause: EventEnvelope,
  ref: ReferenceData,
): EventEnvelope<HotspotDetectedV1> {
  return {
    eventId: deterministicUuid(`HotspotDetected:${window.hotspotId}`),
    aggregateType: 'hotspot',
    aggregateId: window.hotspotId,
    sequence: 1,
    type: 'HotspotDetected',
    schemaVersion: 1,
    occurredAt: cause.occurredAt,
    payload: {
      hotspotId: window.hotspotId,
      matterTypeCode: window.matterTypeCode,
      communityId: window.communityId,
      ...(streetId ? { streetId } : {}),
      windowStart: window.windowStart,
      windowEnd: window.windowEnd,
      windowDays: ref.policy.hotspot.windowDays,
      threshold: ref.policy.hotspot.minOrders,
      orderIds: window.orderIds,
    },
    metadata: { correlationId: cause.eventId },
  };
}
