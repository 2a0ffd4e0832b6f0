import { type EventEnvelope } from '@hotline/contracts';
import { type Projection, type ProjectionContext } from '../../runner/projection';
import { type OrderSnapshot } from '../order-view/order-snapshot';
import { orderSnapshots } from '../order-view/order-view.projection';

/** Open statuses the centre supervises, from the manual queue to the callback. */
const SUPERVISED = [
  'awaiting_dispatch',
  'dispatched',
  'in_arbitration',
  'acknowledged',
  'responded',
  'in_progress',
  'resolved',
];

/** The order's `sla_board` row, in column order; null when the centre does not watch it. */
function boardRow(s: OrderSnapshot | null): unknown[] | null {
  if (!s || !SUPERVISED.includes(s.status)) return null;
  return [
    s.orderId,
    s.status,
    s.urgency,
    s.leadUnitId,
    s.streetId,
    s.matterTypeCode,
    s.receivedAt,
    s.nextDueKind,
    s.nextDueAt,
    s.breaches,
    s.firstBreachedAt,
    s.urgeCount,
    s.lastUrgedAt,
    s.escalationCount,
    s.lastEscalatedAt,
    s.lastEscalationNote,
  ];
}

/**
 * `sla_board`: every open order with its next limit, breaches, 催办 and 督办 — the board from
 * which the centre reads what is due soon, breached or escalated. Closed orders leave it.
 */
export const slaBoardProjection: Projection = {
  name: 'sla-board',
  aggregateTypes: ['order'],
  async apply(event: EventEnvelope, ctx: ProjectionContext) {
    const { before, after } = await orderSnapshots(event, ctx);
    const row = boardRow(after);
    if (before !== undefined && JSON.stringify(boardRow(before)) === JSON.stringify(row)) return;
    if (!row) {
      await ctx.sql.exec(`DELETE FROM sla_board WHERE order_id = $1`, [event.aggregateId]);
      return;
    }
    await ctx.sql.exec(
      `INSERT INTO sla_board (order_id, status, urgency, lead_unit_id, street_id, matter_type_code,
         received_at, due_kind, due_at, breaches, first_breached_at, urge_count, last_urged_at,
         escalation_count, last_escalated_at, last_escalation_note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (order_id) DO UPDATE SET
         status = EXCLUDED.status, urgency = EXCLUDED.urgency, lead_unit_id = EXCLUDED.lead_unit_id,
         street_id = EXCLUDED.street_id, matter_type_code = EXCLUDED.matter_type_code,
         received_at = EXCLUDED.received_at, due_kind = EXCLUDED.due_kind, due_at = EXCLUDED.due_at,
         breaches = EXCLUDED.breaches, first_breached_at = EXCLUDED.first_breached_at,
         urge_count = EXCLUDED.urge_count, last_urged_at = EXCLUDED.last_urged_at,
         escalation_count = EXCLUDED.escalation_count, last_escalated_at = EXCLUDED.last_escalated_at,
         last_escalation_note = EXCLUDED.last_escalation_note`,
      row,
    );
  },
};
