import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * When the order's workflow was seen started (or already there). Intake answers once the intake
 * row is committed; a starter in the API starts the workflow right after and marks the row. A
 * row still unmarked after an API crash or a Temporal outage is started by the next sweep. Rows
 * taken in before this column existed were started before their answer: marked at their intake.
 */
export class OrderIntakeWorkflowStarted1764400000000 implements MigrationInterface {
  name = 'OrderIntakeWorkflowStarted1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_intake ADD COLUMN workflow_started_at timestamptz`);
    await q.query(`UPDATE order_intake SET workflow_started_at = created_at`);
    await q.query(
      `CREATE INDEX order_intake_not_started ON order_intake (created_at)
         WHERE workflow_started_at IS NULL AND workflow_input IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX order_intake_not_started`);
    await q.query(`ALTER TABLE order_intake DROP COLUMN workflow_started_at`);
  }
}
