import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `projection_anomaly`: what the projector could not apply as it came, for a person to look at —
 * `sequence_reused` (an event with a new id for a sequence already seen: a workflow reset) and
 * `dead_lettered` (an event that kept failing in a projection, sent to the dead-letter topic).
 * Not a read model: it outlives rebuilds, like the outbox.
 */
export class ProjectionAnomalies1763884820100 implements MigrationInterface {
  name = 'ProjectionAnomalies1763884820100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_anomaly (
        kind           text        NOT NULL CHECK (kind IN ('sequence_reused', 'dead_lettered')),
        aggregate_type text        NOT NULL,
        aggregate_id   text        NOT NULL,
        sequence       integer     NOT NULL,
        event_id       text        NOT NULL,
        event_type     text        NOT NULL,
        known_event_id text,
        source         text,
        reason         text,
        seen_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, aggregate_type, aggregate_id, sequence, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_anomaly`);
  }
}
