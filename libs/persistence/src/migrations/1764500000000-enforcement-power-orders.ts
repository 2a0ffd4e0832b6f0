import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The orders dispatched under a devolved enforcement power (执法职权下放), per power and street. */
export class EnforcementPowerOrders1764500000000 implements MigrationInterface {
  name = 'EnforcementPowerOrders1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE enforcement_power_order (
      order_id      text        NOT NULL,
      power_id      text        NOT NULL,
      street_id     text        NOT NULL,
      power_name    text        NOT NULL,
      district_id   text,
      dispatched_at timestamptz NOT NULL,
      current       boolean     NOT NULL,
      closed_at     timestamptz,
      PRIMARY KEY (order_id, power_id, street_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE enforcement_power_order`);
  }
}
