import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Duty admission (准入): the applications and the tasks admitted to the published list. */
export class AdmissionReadModels1764320400000 implements MigrationInterface {
  name = 'AdmissionReadModels1764320400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admission_application (
        application_id  text PRIMARY KEY,
        department_id   text        NOT NULL,
        task_name       text        NOT NULL,
        level           text        NOT NULL,
        list            text        NOT NULL,
        status          text        NOT NULL,
        legal_basis     text        NOT NULL,
        frequency       text        NOT NULL,
        findings        jsonb       NOT NULL DEFAULT '[]',
        review_by       timestamptz,
        review_overdue  boolean     NOT NULL DEFAULT false,
        resubmit_by     timestamptz,
        return_count    integer     NOT NULL DEFAULT 0,
        refusal_reasons text[]      NOT NULL DEFAULT '{}',
        entry_code      text,
        applied_at      timestamptz NOT NULL,
        decided_at      timestamptz,
        last_sequence   integer     NOT NULL,
        updated_at      timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX admission_application_department ON admission_application (department_id, applied_at DESC)`,
    );
    await q.query(`
      CREATE TABLE admission_list_entry (
        entry_code     text PRIMARY KEY,
        application_id text        NOT NULL,
        task_name      text        NOT NULL,
        level          text        NOT NULL,
        list           text        NOT NULL,
        department_id  text        NOT NULL,
        legal_basis    text        NOT NULL,
        frequency      text        NOT NULL,
        admitted_on    date        NOT NULL,
        admitted_at    timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE admission_list_entry`);
    await q.query(`DROP TABLE admission_application`);
  }
}
