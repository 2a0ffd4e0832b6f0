import { type EventEnvelope } from '@hotline/contracts';
import { type ProjectionContext } from '../../runner/projection';
import { type OrderSnapshot } from './order-snapshot';
import { orderSnapshots } from './order-view.projection';

/** An order's snapshot at the start of the batch (undefined: unknown) and after its last event. */
export interface OrderChange {
  before: OrderSnapshot | null | undefined;
  after: OrderSnapshot | null;
}

/**
 * For projections derived from the order view (inbox, SLA board): notes each order's snapshot
 * before its first event in the batch and after its last, so that the derived rows are compared
 * and written once per order and batch — the same rows as writing them after every event.
 */
export async function noteOrderChange(
  key: string,
  event: EventEnvelope,
  ctx: ProjectionContext,
): Promise<void> {
  const { before, after } = await orderSnapshots(event, ctx);
  let changes = ctx.batch.get(key) as Map<string, OrderChange> | undefined;
  if (!changes) ctx.batch.set(key, (changes = new Map()));
  const known = changes.get(event.aggregateId);
  changes.set(event.aggregateId, { before: known ? known.before : before, after });
}

/** The orders whose derived rows changed in the batch, with their rows now. */
export function changedRows<R>(
  key: string,
  batch: Map<string, unknown>,
  rowsOf: (s: OrderSnapshot | null) => R,
): { orderId: string; rows: R }[] {
  const changes = batch.get(key) as Map<string, OrderChange> | undefined;
  if (!changes) return [];
  const out: { orderId: string; rows: R }[] = [];
  for (const [orderId, { before, after }] of changes) {
    const rows = rowsOf(after);
    if (before !== undefined && JSON.stringify(rowsOf(before)) === JSON.stringify(rows)) continue;
    out.push({ orderId, rows });
  }
  return out.sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
}
