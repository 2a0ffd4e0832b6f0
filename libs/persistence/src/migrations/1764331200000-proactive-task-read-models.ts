import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Proactive tasks (未诉先办): the tasks and their measured effect; off-list work per unit (准入). */
export class ProactiveTaskReadModels1764331200000 implements MigrationInterface {
  name = 'ProactiveTaskReadModels1764331200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE proactive_task (
        task_id              text PRIMARY KEY,
        source_kind          text        NOT NULL,
        hotspot_id           text,
        topic_month          text,
        source_order_ids     text[]      NOT NULL DEFAULT '{}',
        matter_type_code     text        NOT NULL,
        street_id            text,
        community_id         text,
        title                text        NOT NULL,
        owner_unit_id        text        NOT NULL,
        status               text        NOT NULL,
        off_list             boolean     NOT NULL DEFAULT false,
        admission_reason     text        NOT NULL,
        plan                 text,
        percent              integer     NOT NULL DEFAULT 0,
        started_at           timestamptz NOT NULL,
        plan_by              timestamptz,
        due_by               timestamptz NOT NULL,
        planned_at           timestamptz,
        completed_at         timestamptz,
        verify_by            timestamptz,
        verified_at          timestamptz,
        send_back_count      integer     NOT NULL DEFAULT 0,
        plan_overdue         boolean     NOT NULL DEFAULT false,
        deadline_missed      boolean     NOT NULL DEFAULT false,
        verification_overdue boolean     NOT NULL DEFAULT false,
        measure_at           timestamptz,
        before_orders        integer,
        after_orders         integer,
        effect_change        double precision,
        verdict              text,
        effect_explanation   text,
        closed_at            timestamptz,
        last_sequence        integer     NOT NULL,
        updated_at           timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX proactive_task_owner ON proactive_task (owner_unit_id, started_at DESC)`,
    );
    await q.query(`
      CREATE TABLE off_list_work (
        unit_id          text        NOT NULL,
        work_kind        text        NOT NULL,
        work_id          text        NOT NULL,
        matter_type_code text,
        reason           text        NOT NULL,
        explanation      text        NOT NULL,
        detected_at      timestamptz NOT NULL,
        PRIMARY KEY (unit_id, work_kind, work_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE off_list_work`);
    await q.query(`DROP TABLE proactive_task`);
  }
}
