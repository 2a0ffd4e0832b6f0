import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Three-level dispatch on the order view: the order's district (from its dispatch; older orders
 * are placed by their street), who took the call (the city centre or a district centre), the
 * lead's level, and the push-downs to a street (自上而下派回街道) recorded and flagged.
 */
export class OrderViewLevels1764400000000 implements MigrationInterface {
  name = 'OrderViewLevels1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_view
      ADD COLUMN district_id text,
      ADD COLUMN taken_by_level text,
      ADD COLUMN lead_level text,
      ADD COLUMN push_downs integer NOT NULL DEFAULT 0,
      ADD COLUMN push_downs_flagged integer NOT NULL DEFAULT 0`);
    await q.query(
      `CREATE INDEX order_view_district_received ON order_view (district_id, received_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX order_view_district_received`);
    await q.query(`ALTER TABLE order_view
      DROP COLUMN district_id, DROP COLUMN taken_by_level, DROP COLUMN lead_level,
      DROP COLUMN push_downs, DROP COLUMN push_downs_flagged`);
  }
}
