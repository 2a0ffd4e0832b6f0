import { type MigrationInterface, type QueryRunner } from 'typeorm';

const COUNTS = [
  'dispatched',
  'closed',
  'excluded',
  'filtered',
  'counted',
  'closed_on_time',
  'responded_in_time',
  'callbacks_answered',
  'no_answer',
  'solved',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
];

/** How each devolved enforcement power is used, per month, power and street (counts only). */
export class EnforcementPowerUsage1764500000100 implements MigrationInterface {
  name = 'EnforcementPowerUsage1764500000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE enforcement_power_usage (
      month       text NOT NULL,
      power_id    text NOT NULL,
      street_id   text NOT NULL,
      power_name  text NOT NULL,
      district_id text,
      ${COUNTS.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n      ')},
      PRIMARY KEY (month, power_id, street_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE enforcement_power_usage`);
  }
}
