import { type Sql } from '../../runner/sql';
import { type OrderSnapshot } from './order-snapshot';

/** Columns of `order_view`, named after the snapshot's fields (camelCase → snake_case). */
const FIELDS = [
  'orderId',
  'status',
  'channel',
  'category',
  'content',
  'urgency',
  'matterTypeCode',
  'address',
  'streetId',
  'communityId',
  'gridId',
  'receivedAt',
  'updatedAt',
  'lastSequence',
  'leadUnitId',
  'assistingUnitIds',
  'supervisingUnitIds',
  'dispatchAttempt',
  'dispatchedAt',
  'filterOutcome',
  'filterReason',
  'mergedIntoOrderId',
  'dispatchBy',
  'acknowledgeBy',
  'returnBy',
  'respondBy',
  'handleBy',
  'callbackDueAt',
  'nextDueKind',
  'nextDueAt',
  'acknowledgedAt',
  'respondedAt',
  'respondedWithinLimit',
  'resolvedAt',
  'resolvedWithinLimit',
  'resolutionOutcome',
  'callbackAttempts',
  'callbackAnswered',
  'callbackSolved',
  'callbackSatisfaction',
  'reworkRounds',
  'returnCount',
  'extensionStatus',
  'exclusionStatus',
  'breaches',
  'firstBreachedAt',
  'reminderCount',
  'urgeCount',
  'lastUrgedAt',
  'escalationCount',
  'lastEscalatedAt',
  'lastEscalationNote',
  'closure',
  'closedAt',
] as const satisfies readonly (keyof OrderSnapshot)[];

const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const COLUMNS = FIELDS.map(column);
const SELECT = `SELECT ${COLUMNS.join(', ')} FROM order_view WHERE order_id = $1`;
const UPSERT = `INSERT INTO order_view (${COLUMNS.join(', ')})
  VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (order_id) DO UPDATE SET ${COLUMNS.slice(1)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;

/** The order's row in `order_view` as a snapshot (times as ISO strings), or null. */
export async function loadOrderSnapshot(sql: Sql, orderId: string): Promise<OrderSnapshot | null> {
  const row = await sql.maybeOne<Record<string, unknown>>(SELECT, [orderId]);
  if (!row) return null;
  const snapshot: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = row[column(field)];
    snapshot[field] = value instanceof Date ? value.toISOString() : value;
  }
  return snapshot as unknown as OrderSnapshot;
}

export async function saveOrderSnapshot(sql: Sql, snapshot: OrderSnapshot): Promise<void> {
  await sql.exec(
    UPSERT,
    FIELDS.map((f) => snapshot[f]),
  );
}
