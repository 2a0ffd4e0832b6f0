import { type EventEnvelope } from '@hotline/contracts';
import {
  type BatchContext,
  type Projection,
  type ProjectionContext,
} from '../../runner/projection';
import { evolveOrderSnapshot, type OrderSnapshot } from './order-snapshot';
import { loadOrderSnapshots, saveOrderSnapshots } from './order-view.store';

const SNAPSHOTS = 'order-view:snapshots';
const BATCH = 'order-view:batch';

interface Snapshots {
  before: OrderSnapshot | null;
  after: OrderSnapshot | null;
}

/** The batch's order rows: read once at the start, written once at the end. */
interface OrderRows {
  current: Map<string, OrderSnapshot | null>;
  dirty: Set<string>;
}

function rowsOf(batch: Map<string, unknown>): OrderRows {
  let rows = batch.get(BATCH) as OrderRows | undefined;
  if (!rows) batch.set(BATCH, (rows = { current: new Map(), dirty: new Set() }));
  return rows;
}

/** `order_view`: one row per order, folded from its events (status, unit, limits, outcome). */
export const orderViewProjection: Projection = {
  name: 'order-view',
  aggregateTypes: ['order'],
  async prepare(events: readonly EventEnvelope[], { sql, batch }: BatchContext) {
    const rows = rowsOf(batch);
    const ids = [...new Set(events.map((e) => e.aggregateId))].filter(
      (id) => !rows.current.has(id),
    );
    const found = new Map(await loadOrderSnapshots(sql, ids));
    // An order not in the view yet is known to have no row: its events read nothing more.
    for (const id of ids) rows.current.set(id, found.get(id) ?? null);
  },
  async apply(event: EventEnvelope, { sql, shared, batch }: ProjectionContext) {
    const rows = rowsOf(batch);
    if (!rows.current.has(event.aggregateId)) {
      const [loaded] = await loadOrderSnapshots(sql, [event.aggregateId]);
      rows.current.set(event.aggregateId, loaded?.[1] ?? null);
    }
    const before = event.type === 'OrderReceived' ? null : rows.current.get(event.aggregateId)!;
    const after = evolveOrderSnapshot(before, event);
    if (after) {
      rows.current.set(event.aggregateId, after);
      rows.dirty.add(event.aggregateId);
    }
    shared.set(SNAPSHOTS, { before, after } satisfies Snapshots);
  },
  async flush({ sql, batch }: BatchContext) {
    const rows = batch.get(BATCH) as OrderRows | undefined;
    if (!rows || rows.dirty.size === 0) return;
    await saveOrderSnapshots(
      sql,
      [...rows.dirty].map((id) => rows.current.get(id)!),
    );
  },
};

/**
 * The order's snapshot before and after this event, for projections derived from the order
 * view. `before` is undefined when the order view did not apply this event (the deriving
 * projection is catching up on its own): then `after` is the order view's row as it stands.
 */
export async function orderSnapshots(
  event: EventEnvelope,
  { sql, shared, batch }: ProjectionContext,
): Promise<{ before: OrderSnapshot | null | undefined; after: OrderSnapshot | null }> {
  const known = shared.get(SNAPSHOTS) as Snapshots | undefined;
  if (known) return known;
  const rows = batch.get(BATCH) as OrderRows | undefined;
  if (rows?.current.has(event.aggregateId)) {
    return { before: undefined, after: rows.current.get(event.aggregateId) ?? null };
  }
  const [loaded] = await loadOrderSnapshots(sql, [event.aggregateId]);
  return { before: undefined, after: loaded?.[1] ?? null };
}
