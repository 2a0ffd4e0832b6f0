import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Electronic ledgers (电子台账): the generation job and its files, with checksums. */
export class LedgerFiles1764316800000 implements MigrationInterface {
  name = 'LedgerFiles1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_file (
        ledger_id     text PRIMARY KEY,
        unit_id       text        NOT NULL,
        period_from   timestamptz NOT NULL,
        period_to     timestamptz NOT NULL,
        period_label  text        NOT NULL,
        status        text        NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
        progress      integer     NOT NULL DEFAULT 0,
        step          text        NOT NULL,
        requested_by  text        NOT NULL,
        requested_at  timestamptz NOT NULL,
        started_at    timestamptz,
        finished_at   timestamptz,
        lease_until   timestamptz,
        attempts      integer     NOT NULL DEFAULT 0,
        error         text,
        order_count   integer,
        whistle_count integer,
        figures       jsonb,
        xlsx          bytea,
        xlsx_sha256   text,
        xlsx_bytes    integer,
        pdf           bytea,
        pdf_sha256    text,
        pdf_bytes     integer
      )`);
    await q.query(
      `CREATE INDEX ledger_file_unit ON ledger_file (unit_id, requested_at DESC, ledger_id DESC)`,
    );
    await q.query(
      `CREATE INDEX ledger_file_pending ON ledger_file (requested_at) WHERE status IN ('queued', 'running')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_file`);
  }
}
