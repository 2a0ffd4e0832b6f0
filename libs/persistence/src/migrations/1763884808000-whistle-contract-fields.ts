import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The whistle read models follow the whistle event contract as it was settled: a whistle's level
 * (street or district), owner, linked orders and the street whistle it continues; each
 * department's misses, 催办/督办, whether the whistle counts for it, and its score. Read models
 * only (rebuilt from the topics), so a column without a source is simply dropped.
 */
export class WhistleContractFields1763884808000 implements MigrationInterface {
  name = 'WhistleContractFields1763884808000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE whistle_board
        DROP COLUMN order_id,
        ADD COLUMN level                     text   NOT NULL DEFAULT 'street',
        ADD COLUMN owner_unit_id             text,
        ADD COLUMN linked_order_ids          text[] NOT NULL DEFAULT '{}',
        ADD COLUMN escalated_from_whistle_id text`);
    await q.query(`
      ALTER TABLE whistle_department
        ADD COLUMN misses      text[]  NOT NULL DEFAULT '{}',
        ADD COLUMN urges       integer NOT NULL DEFAULT 0,
        ADD COLUMN escalations integer NOT NULL DEFAULT 0,
        ADD COLUMN counted     boolean,
        ADD COLUMN score       double precision`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE whistle_department
        DROP COLUMN misses, DROP COLUMN urges, DROP COLUMN escalations, DROP COLUMN counted,
        DROP COLUMN score`);
    await q.query(`
      ALTER TABLE whistle_board
        DROP COLUMN level, DROP COLUMN owner_unit_id, DROP COLUMN linked_order_ids,
        DROP COLUMN escalated_from_whistle_id, ADD COLUMN order_id text`);
  }
}
