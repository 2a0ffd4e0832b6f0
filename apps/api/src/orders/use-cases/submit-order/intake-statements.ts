import { type DataSource } from 'typeorm';
import { type Pool } from 'pg';
import { CALLER_HISTORY_SQL, type CallerHistoryRow } from '../../intake-screening';

/**
 * Intake's two statements, sent to PostgreSQL as named (prepared) statements on the pool under
 * TypeORM — no query runner, no BEGIN/COMMIT round trips: a new order costs one read and one
 * atomic write (a single statement commits alone, all of it or nothing). Both take the calls of
 * a group commit (common/group-commit.ts) at once, as arrays: under load many calls share one
 * read and one write.
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
 * One read for a batch of calls (group commit): per call, whether its key was seen, a new order
 * number when it was not, the database's time, and the caller's intakes of the last 30 days (the
 * screening's context). `n` numbers the calls from 1, as unnest's ordinality does.
 */
const READ = {
  name: 'intake-read-v2',
  text: `
    WITH req AS (
      SELECT * FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS r(idempotency_key, caller_key, n)
    ), head AS MATERIALIZED (
      SELECT req.n, req.caller_key, seen.order_id AS seen_order_id, now() AS now,
             CASE WHEN seen.order_id IS NULL THEN
               'HL' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' ||
               lpad(nextval('order_number_seq')::text, 7, '0')
             END AS new_order_id
        FROM req
        CROSS JOIN LATERAL (
          SELECT (SELECT order_id FROM order_intake WHERE idempotency_key = req.idempotency_key) AS order_id
        ) seen
       ORDER BY req.n
    )
    SELECT head.n, head.seen_order_id, head.new_order_id, head.now, h.*
      FROM head
      LEFT JOIN LATERAL (${CALLER_HISTORY_SQL('head.caller_key', 'head.now')}) h ON head.seen_order_id IS NULL
     ORDER BY head.n`,
};

export interface IntakeKey {
  idempotencyKey: string;
  callerKey: string;
}

/** The reads of several calls in one statement, in the order of `keys`. */
export async function readForIntakes(
  pool: Pool,
  keys: readonly IntakeKey[],
): Promise<IntakeRead[]> {
  const { rows } = await pool.query<
    { n: string; seen_order_id: string | null; new_order_id: string | null; now: Date } & {
      [K in keyof CallerHistoryRow]: CallerHistoryRow[K] | null;
    }
  >({
    ...READ,
    values: [keys.map((k) => k.idempotencyKey), keys.map((k) => k.callerKey)],
  });
  const out: IntakeRead[] = [];
  for (const r of rows) {
    const i = Number(r.n) - 1;
    const read = (out[i] ??= {
      seenOrderId: r.seen_order_id,
      newOrderId: r.new_order_id,
      now: r.now,
      history: [],
    });
    if (r.order_id !== null) read.history.push(r as unknown as CallerHistoryRow);
  }
  if (out.length !== keys.length || out.some((r) => r === undefined))
    throw new Error(`the intake read answered ${out.length} of ${keys.length} calls`);
  return out;
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
 * One atomic write for a batch of calls (group commit): their intake rows (order number, key,
 * decided workflow input) and encrypted callers, all committed or none. A row whose key a twin
 * request wrote first is skipped (nothing written for it); the order numbers written come back.
 */
const WRITE = {
  name: 'intake-write-v2',
  text: `
    WITH rows AS (
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                           $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
                           $13::timestamptz[], $14::text[], $15::text[], $16::text[], $17::text[])
        AS r(idempotency_key, order_id, request_hash, caller_key, category, matter_type_code,
             street_id, community_id, grid_id, screening_outcome, screening_reason, workflow_input,
             created_at, name_encrypted, phone_encrypted, phone_masked, content_encrypted)
    ), intake AS (
      INSERT INTO order_intake (idempotency_key, order_id, request_hash, caller_key, category,
                                matter_type_code, street_id, community_id, grid_id,
                                screening_outcome, screening_reason, workflow_input, created_at)
      SELECT idempotency_key, order_id, request_hash, caller_key, category, matter_type_code,
             street_id, community_id, grid_id, screening_outcome, screening_reason,
             workflow_input::jsonb, created_at
        FROM rows
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING order_id
    )
    INSERT INTO caller_contact (order_id, name_encrypted, phone_encrypted, phone_masked,
                                caller_key, content_encrypted)
    SELECT rows.order_id, rows.name_encrypted, rows.phone_encrypted, rows.phone_masked,
           rows.caller_key, rows.content_encrypted
      FROM rows JOIN intake ON intake.order_id = rows.order_id
    RETURNING order_id`,
};

/**
 * Writes the records in one statement; per record, whether it was written (false: a twin request
 * with the same key got there first — earlier, or earlier in this batch).
 */
export async function recordIntakes(
  pool: Pool,
  records: readonly IntakeRecord[],
): Promise<boolean[]> {
  // Twins in one batch: the first is written, the others answer as repeats once it committed.
  const firstOfKey = new Map<string, number>();
  records.forEach((r, i) => {
    if (!firstOfKey.has(r.idempotencyKey)) firstOfKey.set(r.idempotencyKey, i);
  });
  const rs = [...firstOfKey.values()].map((i) => records[i]!);
  const column = <T>(f: (r: IntakeRecord) => T) => rs.map(f);
  const { rows } = await pool.query<{ order_id: string }>({
    ...WRITE,
    values: [
      column((r) => r.idempotencyKey),
      column((r) => r.orderId),
      column((r) => r.requestHash),
      column((r) => r.callerKey),
      column((r) => r.category),
      column((r) => r.matterTypeCode),
      column((r) => r.streetId),
      column((r) => r.communityId),
      column((r) => r.gridId),
      column((r) => r.screeningOutcome),
      column((r) => r.screeningReason),
      column((r) => JSON.stringify(r.workflowInput)),
      column((r) => r.createdAt.toISOString()),
      column((r) => r.nameEncrypted),
      column((r) => r.phoneEncrypted),
      column((r) => r.phoneMasked),
      column((r) => r.contentEncrypted),
    ],
  });
  const written = new Set(rows.map((r) => r.order_id));
  return records.map((r, i) => firstOfKey.get(r.idempotencyKey) === i && written.has(r.orderId));
}
