import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Idempotent whistle creation: a street's idempotency key maps to one whistle, for ever (like
 * order_intake), with the request's hash (the same key with other content is refused) and the
 * workflow input (a retry starts the same whistle).
 */
export class WhistleIntake1764300000100 implements MigrationInterface {
  name = 'WhistleIntake1764300000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE whistle_intake (
        street_id       text        NOT NULL,
        idempotency_key text        NOT NULL,
        whistle_id      text        NOT NULL UNIQUE,
        request_hash    text        NOT NULL,
        workflow_input  jsonb       NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (street_id, idempotency_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE whistle_intake`);
  }
}
