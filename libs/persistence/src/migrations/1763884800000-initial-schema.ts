import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class InitialSchema1763884800000 implements MigrationInterface {
  name = 'InitialSchema1763884800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE order_intake (
        idempotency_key text PRIMARY KEY,
        order_id        text NOT NULL UNIQUE,
        request_hash    text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    // Order numbers read HL20261123-0000042: the day (Beijing time) and a never-reused counter.
    await q.query(`CREATE SEQUENCE order_number_seq`);
    await q.query(`
      CREATE TABLE caller_contact (
        order_id        text PRIMARY KEY,
        name_encrypted  text NOT NULL,
        phone_encrypted text NOT NULL,
        phone_masked    text NOT NULL,
        caller_key      text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX caller_contact_caller_key ON caller_contact (caller_key, created_at DESC)`,
    );
    await q.query(`
      CREATE TABLE order_view (
        order_id         text PRIMARY KEY,
        status           text NOT NULL,
        channel          text NOT NULL,
        category         text NOT NULL,
        content          text NOT NULL,
        urgency          text NOT NULL,
        matter_type_code text,
        address          text NOT NULL,
        street_id        text,
        received_at      timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        last_sequence    integer NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_view`);
    await q.query(`DROP TABLE caller_contact`);
    await q.query(`DROP TABLE order_intake`);
    await q.query(`DROP SEQUENCE order_number_seq`);
  }
}
