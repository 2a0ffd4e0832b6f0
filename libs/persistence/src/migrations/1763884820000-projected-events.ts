import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `projected_event`: the event id the projector first saw for each (aggregate, sequence), so a
 * different event for a sequence already taken — a workflow reset that ran part of the history
 * again — is recognised instead of being dropped as a repeat. A read model (rebuilt from the topics).
 */
export class ProjectedEvents1763884820000 implements MigrationInterface {
  name = 'ProjectedEvents1763884820000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projected_event (
        aggregate_type text    NOT NULL,
        aggregate_id   text    NOT NULL,
        sequence       integer NOT NULL,
        event_id       text    NOT NULL,
        PRIMARY KEY (aggregate_type, aggregate_id, sequence)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projected_event`);
  }
}
