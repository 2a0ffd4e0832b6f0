import { DAY_MS } from '../calendar/shanghai-time';
import { resolvePlace } from '../reference/place';
import type { ReferenceData } from '../reference/types';
import { normalizeText } from '../shared/keywords';
import type { IncomingOrder, OpenOrderSummary, OrderPlace } from './types';

/**
 * The caller's most recent open order on the same matter at the same place, received within the
 * duplicate window (7 × 24 h by default) before this one.
 */
export function findDuplicate(
  order: IncomingOrder,
  matterTypeCode: string | null,
  openOrders: readonly OpenOrderSummary[],
  ref: ReferenceData,
): OpenOrderSummary | null {
  const place = order.place;
  if (!matterTypeCode || !place) return null;
  const windowMs = ref.policy.duplicate.windowDays * DAY_MS;
  const candidates = openOrders.filter((open) => {
    const age = order.receivedAt.getTime() - open.receivedAt.getTime();
    return (
      open.callerKey === order.callerKey &&
      open.matterTypeCode === matterTypeCode &&
      age >= 0 &&
      age <= windowMs &&
      open.place !== null &&
      samePlace(open.place, place, ref)
    );
  });
  return candidates.sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())[0] ?? null;
}

/**
 * Same place, compared at the finest level both sides know: grid, then community; with only a
 * street known, the street and the written address must both agree.
 */
export function samePlace(a: OrderPlace, b: OrderPlace, ref: ReferenceData): boolean {
  const pa = resolvePlace(a, ref);
  const pb = resolvePlace(b, ref);
  if (pa.kind !== 'resolved' || pb.kind !== 'resolved') return false;
  if (pa.grid && pb.grid) return pa.grid.id === pb.grid.id;
  if (pa.community && pb.community) return pa.community.id === pb.community.id;
  if (!pa.street || !pb.street || pa.street.id !== pb.street.id) return false;
  return Boolean(a.address && b.address && normalizeText(a.address) === normalizeText(b.address));
}
