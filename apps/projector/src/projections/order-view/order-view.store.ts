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
  'districtId',
  'takenByLevel',
  'leadLevel',
  'pushDowns',
  'pushDownsFlagged',
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
const SELECT = `SELECT ${COLUMNS.join(', ')} FROM order_view WHERE order_id = ANY($1::text[])`;
/** Any number of rows in one statement: the rows as one JSON array, typed by the table. */
const UPSERT = `INSERT INTO order_view (${COLUMNS.join(', ')})
  SELECT ${COLUMNS.join(', ')} FROM json_populate_recordset(NULL::order_view, $1::json)
  ON CONFLICT (order_id) DO UPDATE SET ${COLUMNS.slice(1)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;

function toSnapshot(row: Record<string, unknown>): OrderSnapshot {
  const snapshot: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = row[column(field)];
    snapshot[field] = value instanceof Date ? value.toISOString() : value;
  }
  return snapshot as unknown as OrderSnapshot;
}

/** The rows in `order_view` of these orders as snapshots (times as ISO strings), by order id. */
export async function loadOrderSnapshots(
  sql: Sql,
  orderIds: readonly string[],
): Promise<[string, OrderSnapshot][]> {
  if (orderIds.length === 0) return [];
  const rows = await sql.rows<Record<string, unknown>>(SELECT, [orderIds]);
  return rows.map((row) => [row.order_id as string, toSnapshot(row)]);
}

/** The order's row in `order_view` as a snapshot, or null. */
export async function loadOrderSnapshot(sql: Sql, orderId: string): Promise<OrderSnapshot | null> {
  return (await loadOrderSnapshots(sql, [orderId]))[0]?.[1] ?? null;
}

/** Writes the snapshots, all in one statement. */
export async function saveOrderSnapshots(
  sql: Sql,
  snapshots: readonly OrderSnapshot[],
): Promise<void> {
  if (snapshots.length === 0) return;
  const rows = snapshots.map((s) => Object.fromEntries(FIELDS.map((f) => [column(f), s[f]])));
  await sql.exec(UPSERT, [JSON.stringify(rows)]);
}

export async function saveOrderSnapshot(sql: Sql, snapshot: OrderSnapshot): Promise<void> {
  await saveOrderSnapshots(sql, [snapshot]);
}
