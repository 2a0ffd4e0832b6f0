import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * What intake knows about an order, kept by the API (the write side of 受理): the facts the
 * filter (过滤网) compares a new call against — same caller, same matter, same place — and the
 * screening applied. No personal data: the caller is a keyed hash (caller_contact holds the rest).
 */
export class IntakeFacts1763884800100 implements MigrationInterface {
  name = 'IntakeFacts1763884800100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE order_intake
        ADD COLUMN caller_key        text,
        ADD COLUMN category          text,
        ADD COLUMN matter_type_code  text,
        ADD COLUMN street_id         text,
        ADD COLUMN community_id      text,
        ADD COLUMN grid_id           text,
        ADD COLUMN screening_outcome text,
        ADD COLUMN screening_reason  text`);
    await q.query(`CREATE INDEX order_intake_caller ON order_intake (caller_key, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX order_intake_caller`);
    await q.query(`
      ALTER TABLE order_intake
        DROP COLUMN caller_key, DROP COLUMN category, DROP COLUMN matter_type_code, DROP COLUMN street_id,
        DROP COLUMN community_id, DROP COLUMN grid_id, DROP COLUMN screening_outcome, DROP COLUMN screening_reason`);
  }
}
