import { type EventEnvelope } from '@hotline/contracts';
import {
  type BatchContext,
  type Projection,
  type ProjectionContext,
} from '../../runner/projection';
import { changedRows, noteOrderChange } from '../order-view/derived-rows';
import { type OrderSnapshot } from '../order-view/order-snapshot';

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

const CHANGES = 'sla-board:changes';
const COLUMNS = `order_id, status, urgency, lead_unit_id, street_id, matter_type_code, received_at,
  due_kind, due_at, breaches, first_breached_at, urge_count, last_urged_at, escalation_count,
  last_escalated_at, last_escalation_note`;
const NAMES = COLUMNS.split(',').map((c) => c.trim());

/**
 * `sla_board`: every open order with its next limit, breaches, 催办 and 督办 — the board from
 * which the centre reads what is due soon, breached or escalated. Closed orders leave it.
 * Written once per batch: one delete for the orders that left, one upsert for the others.
 */
export const slaBoardProjection: Projection = {
  name: 'sla-board',
  aggregateTypes: ['order'],
  async apply(event: EventEnvelope, ctx: ProjectionContext) {
    await noteOrderChange(CHANGES, event, ctx);
  },
  async flush({ sql, batch }: BatchContext) {
    const changed = changedRows(CHANGES, batch, boardRow);
    const gone = changed.filter((c) => !c.rows).map((c) => c.orderId);
    const kept = changed.flatMap((c) =>
      c.rows ? [Object.fromEntries(NAMES.map((n, i) => [n, c.rows![i]]))] : [],
    );
    if (gone.length > 0) {
      await sql.exec(`DELETE FROM sla_board WHERE order_id = ANY($1::text[])`, [gone]);
    }
    if (kept.length === 0) return;
    await sql.exec(
      `INSERT INTO sla_board (${COLUMNS})
       SELECT ${COLUMNS} FROM json_populate_recordset(NULL::sla_board, $1::json)
       ON CONFLICT (order_id) DO UPDATE SET ${NAMES.slice(1)
         .map((c) => `${c} = EXCLUDED.${c}`)
         .join(', ')}`,
      [JSON.stringify(kept)],
    );
  },
};
