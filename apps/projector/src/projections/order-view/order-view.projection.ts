import { type EventEnvelope } from '@hotline/contracts';
import { type Projection, type ProjectionContext } from '../../runner/projection';
import { evolveOrderSnapshot, type OrderSnapshot } from './order-snapshot';
import { loadOrderSnapshot, saveOrderSnapshot } from './order-view.store';

const SNAPSHOTS = 'order-view:snapshots';

interface Snapshots {
  before: OrderSnapshot | null;
  after: OrderSnapshot | null;
}

/** `order_view`: one row per order, folded from its events (status, unit, limits, outcome). */
export const orderViewProjection: Projection = {
  name: 'order-view',
  aggregateTypes: ['order'],
  async apply(event: EventEnvelope, { sql, shared }: ProjectionContext) {
    const before =
      event.type === 'OrderReceived' ? null : await loadOrderSnapshot(sql, event.aggregateId);
    const after = evolveOrderSnapshot(before, event);
    if (after) await saveOrderSnapshot(sql, after);
    shared.set(SNAPSHOTS, { before, after } satisfies Snapshots);
  },
};

/**
 * The order's snapshot before and after this event, for projections derived from the order
 * view. `before` is undefined when the order view did not apply this event in this transaction
 * (the deriving projection is catching up on its own): then `after` is read from the table.
 */
export async function orderSnapshots(
  event: EventEnvelope,
  { sql, shared }: ProjectionContext,
): Promise<{ before: OrderSnapshot | null | undefined; after: OrderSnapshot | null }> {
  const known = shared.get(SNAPSHOTS) as Snapshots | undefined;
  if (known) return known;
  return { before: undefined, after: await loadOrderSnapshot(sql, event.aggregateId) };
}
