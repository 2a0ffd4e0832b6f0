import { type EventEnvelope } from '@hotline/contracts';
import { type Projection, type ProjectionContext } from '../../runner/projection';
import { loadOrderSnapshot } from '../order-view/order-view.store';
import { inboxItems } from './inbox-items';

/**
 * `unit_inbox`: each unit's open orders by deadline, with what is due next. Derived from the
 * order's `order_view` row, which the order-view projection has brought up to this event.
 */
export const unitInboxProjection: Projection = {
  name: 'unit-inbox',
  aggregateTypes: ['order'],
  async apply(event: EventEnvelope, { sql }: ProjectionContext) {
    const s = await loadOrderSnapshot(sql, event.aggregateId);
    await sql.exec(`DELETE FROM unit_inbox WHERE order_id = $1`, [event.aggregateId]);
    if (!s) return;
    for (const item of inboxItems(s)) {
      await sql.exec(
        `INSERT INTO unit_inbox (unit_id, order_id, role, status, urgency, category, matter_type_code,
           street_id, community_id, address, received_at, next_action, due_at, handle_by, breaches,
           escalation_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (unit_id, order_id) DO NOTHING`,
        [
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
        ],
      );
    }
  },
};
