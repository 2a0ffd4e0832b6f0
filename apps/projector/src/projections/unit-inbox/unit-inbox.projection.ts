import { type EventEnvelope } from '@hotline/contracts';
import { type Projection, type ProjectionContext } from '../../runner/projection';
import { type OrderSnapshot } from '../order-view/order-snapshot';
import { orderSnapshots } from '../order-view/order-view.projection';
import { inboxItems } from './inbox-items';

/** The `unit_inbox` rows of an order, in column order. */
function inboxRows(s: OrderSnapshot | null): unknown[][] {
  if (!s) return [];
  return inboxItems(s).map((item) => [
    item.unitId,
    s.orderId,
    item.role,
    s.status,
    s.urgency,
    s.category,
    s.matterTypeCode,
    s.streetId,
    s.communityId,
    s.address,
    s.receivedAt,
    item.nextAction,
    item.dueAt,
    s.handleBy,
    s.breaches,
    s.escalationCount,
  ]);
}

/**
 * `unit_inbox`: each unit's open orders by deadline, with what is due next — derived from the
 * order view's snapshot. Most events change nothing a unit sees; those write nothing.
 */
export const unitInboxProjection: Projection = {
  name: 'unit-inbox',
  aggregateTypes: ['order'],
  async apply(event: EventEnvelope, ctx: ProjectionContext) {
    const { before, after } = await orderSnapshots(event, ctx);
    const rows = inboxRows(after);
    if (before !== undefined && JSON.stringify(inboxRows(before)) === JSON.stringify(rows)) return;
    await ctx.sql.exec(`DELETE FROM unit_inbox WHERE order_id = $1`, [event.aggregateId]);
    if (rows.length === 0) return;
    const width = rows[0]!.length;
    const values = rows
      .map(
        (_, r) =>
          `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`,
      )
      .join(', ');
    await ctx.sql.exec(
      `INSERT INTO unit_inbox (unit_id, order_id, role, status, urgency, category, matter_type_code,
         street_id, community_id, address, received_at, next_action, due_at, handle_by, breaches,
         escalation_count)
       VALUES ${values}`,
      rows.flat(),
    );
  },
};
