import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The workflow input an intake decided, kept with its idempotency key: a retry after the
 * workflow failed to start (or a concurrent twin) starts exactly that input again instead of
 * screening anew — which found the order's own intake row and merged the order into itself.
 */
export class OrderIntakeWorkflowInput1764300000000 implements MigrationInterface {
  name = 'OrderIntakeWorkflowInput1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_intake ADD COLUMN workflow_input jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_intake DROP COLUMN workflow_input`);
  }
}
