import { type DataSource } from 'typeorm';
import { type Pool } from 'pg';
import { CALLER_HISTORY_SQL, type CallerHistoryRow } from '../../intake-screening';

/**
 * Intake's two statements, sent to PostgreSQL as named (prepared) statements on the pool under
 * TypeORM — no query runner, no BEGIN/COMMIT round trips: a new order costs one read and one
 * atomic write (a single statement commits alone, all of it or nothing).
 */

/** The pool TypeORM's PostgreSQL driver keeps (the same connections, limits and search_path). */
export function poolOf(db: DataSource): Pool {
  return (db.driver as unknown as { master: Pool }).master;
}

export interface IntakeRead {
  /** The order recorded earlier under this idempotency key, if any. */
  seenOrderId: string | null;
  /** A new order number (HL20261123-0000042, Beijing day), drawn only when the key is new. */
  newOrderId: string | null;
  /** The database's clock: the order's receivedAt and the screening's "now". */
  now: Date;
  history: CallerHistoryRow[];
}

/**
 * One read: whether the key was seen, a new order number when it was not, the database's time,
 * and the caller's intakes of the last 30 days (the screening's context).
 */
const READ = {
  name: 'intake-read-v1',
  text: `
    WITH head AS MATERIALIZED (
      SELECT seen.order_id AS seen_order_id, now() AS now,
             CASE WHEN seen.order_id IS NULL THEN
               'HL' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' ||
               lpad(nextval('order_number_seq')::text, 7, '0')
             END AS new_order_id
        FROM (SELECT (SELECT order_id FROM order_intake WHERE idempotency_key = $1) AS order_id) seen
    )
    SELECT head.seen_order_id, head.new_order_id, head.now, h.*
      FROM head
      LEFT JOIN LATERAL (${CALLER_HISTORY_SQL('$2', 'head.now')}) h ON head.seen_order_id IS NULL`,
};

export async function readForIntake(
  pool: Pool,
  idempotencyKey: string,
  callerKey: string,
): Promise<IntakeRead> {
  const { rows } = await pool.query<
    { seen_order_id: string | null; new_order_id: string | null; now: Date } & {
      [K in keyof CallerHistoryRow]: CallerHistoryRow[K] | null;
    }
  >({ ...READ, values: [idempotencyKey, callerKey] });
  const head = rows[0]!;
  return {
    seenOrderId: head.seen_order_id,
    newOrderId: head.new_order_id,
    now: head.now,
    history: rows.filter((r) => r.order_id !== null) as unknown as CallerHistoryRow[],
  };
}

export interface IntakeRecord {
  idempotencyKey: string;
  orderId: string;
  requestHash: string;
  callerKey: string;
  category: string;
  matterTypeCode: string | null;
  streetId: string | null;
  communityId: string | null;
  gridId: string | null;
  screeningOutcome: string;
  screeningReason: string | null;
  workflowInput: unknown;
  createdAt: Date;
  nameEncrypted: string;
  phoneEncrypted: string;
  phoneMasked: string;
  contentEncrypted: string | null;
}

/**
 * One atomic write: the intake row (order number, key, decided workflow input) and the
 * encrypted caller. false when a twin request with the same key got there first (nothing written).
 */
const WRITE = {
  name: 'intake-write-v1',
  text: `
    WITH intake AS (
      INSERT INTO order_intake (idempotency_key, order_id, request_hash, caller_key, category,
                                matter_type_code, street_id, community_id, grid_id,
                                screening_outcome, screening_reason, workflow_input, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13)
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING order_id
    )
    INSERT INTO caller_contact (order_id, name_encrypted, phone_encrypted, phone_masked,
                                caller_key, content_encrypted)
    SELECT order_id, $14, $15, $16, $4, $17 FROM intake
    RETURNING order_id`,
};

export async function recordIntake(pool: Pool, r: IntakeRecord): Promise<boolean> {
  const { rowCount } = await pool.query({
    ...WRITE,
    values: [
      r.idempotencyKey,
      r.orderId,
      r.requestHash,
      r.callerKey,
      r.category,
      r.matterTypeCode,
      r.streetId,
      r.communityId,
      r.gridId,
      r.screeningOutcome,
      r.screeningReason,
      JSON.stringify(r.workflowInput),
      r.createdAt,
      r.nameEncrypted,
      r.phoneEncrypted,
      r.phoneMasked,
      r.contentEncrypted,
    ],
  });
  return rowCount === 1;
}
