import { type EventEnvelope } from '@hotline/contracts';
import {
  type BatchContext,
  type Projection,
  type ProjectionContext,
} from '../../runner/projection';
import { changedRows, noteOrderChange } from '../order-view/derived-rows';
import { type OrderSnapshot } from '../order-view/order-snapshot';
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

const CHANGES = 'unit-inbox:changes';
const COLUMNS = `unit_id, order_id, role, status, urgency, category, matter_type_code, street_id,
  community_id, address, received_at, next_action, due_at, handle_by, breaches, escalation_count`;

/**
 * `unit_inbox`: each unit's open orders by deadline, with what is due next — derived from the
 * order view's snapshot. Most events change nothing a unit sees; those write nothing. Written
 * once per batch: the changed orders' rows deleted and inserted again in two statements.
 */
export const unitInboxProjection: Projection = {
  name: 'unit-inbox',
  aggregateTypes: ['order'],
  async apply(event: EventEnvelope, ctx: ProjectionContext) {
    await noteOrderChange(CHANGES, event, ctx);
  },
  async flush({ sql, batch }: BatchContext) {
    const changed = changedRows(CHANGES, batch, inboxRows);
    if (changed.length === 0) return;
    await sql.exec(`DELETE FROM unit_inbox WHERE order_id = ANY($1::text[])`, [
      changed.map((c) => c.orderId),
    ]);
    const names = COLUMNS.split(',').map((c) => c.trim());
    const rows = changed.flatMap((c) =>
      c.rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]]))),
    );
    if (rows.length === 0) return;
    await sql.exec(
      `INSERT INTO unit_inbox (${COLUMNS})
       SELECT ${COLUMNS} FROM json_populate_recordset(NULL::unit_inbox, $1::json)`,
      [JSON.stringify(rows)],
    );
  },
};
