/**
 * Hotspots (未诉先办): at least `minOrders` orders of one matter type in one community within the
 * last `windowDays` (5 in 7 days by default). The street may turn a hotspot into a proactive task
 * or a whistle; this only finds them.
 */
import { DAY_MS } from '../calendar/shanghai-time';
import type { ReferenceData } from '../reference/types';

export interface HotspotInput {
  readonly orderId: string;
  readonly matterTypeCode: string;
  /** The community, or a grid (which implies its community). */
  readonly communityId?: string | null;
  readonly gridId?: string | null;
  readonly receivedAt: Date;
}

export interface Hotspot {
  readonly matterTypeCode: string;
  readonly communityId: string;
  readonly orderIds: readonly string[];
}

/** Hotspots as of `asOf`: window (asOf − windowDays, asOf], biggest first. */
export function findHotspots(
  orders: readonly HotspotInput[],
  asOf: Date,
  ref: ReferenceData,
): Hotspot[] {
  const { minOrders, windowDays } = ref.policy.hotspot;
  const since = asOf.getTime() - windowDays * DAY_MS;
  const groups = new Map<string, Hotspot & { orderIds: string[] }>();
  for (const order of orders) {
    const t = order.receivedAt.getTime();
    const communityId =
      order.communityId ?? (order.gridId ? ref.index.grids.get(order.gridId)?.communityId : null);
    if (!communityId || t <= since || t > asOf.getTime()) continue;
    const key = `${order.matterTypeCode} ${communityId}`;
    const group = groups.get(key) ?? {
      matterTypeCode: order.matterTypeCode,
      communityId,
      orderIds: [],
    };
    group.orderIds.push(order.orderId);
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((g) => g.orderIds.length >= minOrders)
    .sort(
      (a, b) =>
        b.orderIds.length - a.orderIds.length ||
        `${a.matterTypeCode}${a.communityId}`.localeCompare(`${b.matterTypeCode}${b.communityId}`),
    );
}
