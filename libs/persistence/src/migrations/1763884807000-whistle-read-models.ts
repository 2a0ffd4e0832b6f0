import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Read models of whistle dispatch (街乡吹哨、部门报到): the whistle board, each summoned
 * department's part, and the departments' monthly evaluations (一哨一考核). Like every read
 * model: only what the events say, no serial columns, rebuilt from the topics.
 */
export class WhistleReadModels1763884807000 implements MigrationInterface {
  name = 'WhistleReadModels1763884807000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE whistle_board (
        whistle_id          text        PRIMARY KEY,
        street_id           text        NOT NULL,
        whistle_type        text        NOT NULL,
        matter_type_code    text,
        title               text,
        order_id            text,
        status              text        NOT NULL,
        blown_at            timestamptz NOT NULL,
        month               text        NOT NULL,
        report_by           timestamptz,
        departments         integer     NOT NULL,
        reported            integer     NOT NULL,
        missed_reports      integer     NOT NULL,
        committed           integer     NOT NULL,
        completed           integer     NOT NULL,
        verified            integer     NOT NULL,
        escalated           boolean     NOT NULL,
        district_whistle_id text,
        outcome             text,
        closed_at           timestamptz,
        last_sequence       integer     NOT NULL,
        updated_at          timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX whistle_board_blown ON whistle_board (blown_at DESC, whistle_id DESC)`,
    );
    await q.query(`CREATE INDEX whistle_board_street ON whistle_board (street_id, blown_at DESC)`);
    await q.query(`
      CREATE TABLE whistle_department (
        whistle_id        text        NOT NULL,
        department_id     text        NOT NULL,
        month             text        NOT NULL,
        report            text        NOT NULL,
        report_mode       text,
        reported_at       timestamptz,
        commitment        text        NOT NULL,
        commitment_due_by timestamptz,
        completed_at      timestamptz,
        verified          boolean,
        timeliness        integer,
        commitment_rating integer,
        result            integer,
        PRIMARY KEY (whistle_id, department_id)
      )`);
    await q.query(
      `CREATE INDEX whistle_department_month ON whistle_department (department_id, month)`,
    );
    await q.query(`
      CREATE TABLE department_evaluation (
        month              text             NOT NULL,
        department_id      text             NOT NULL,
        whistles           integer          NOT NULL,
        rated_whistles     integer          NOT NULL,
        late_reports       integer          NOT NULL,
        missed_reports     integer          NOT NULL,
        missed_commitments integer          NOT NULL,
        timeliness         double precision,
        commitment         double precision,
        result             double precision,
        overall            double precision,
        score              double precision,
        uniform_top_marks  boolean          NOT NULL,
        PRIMARY KEY (month, department_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE department_evaluation`);
    await q.query(`DROP TABLE whistle_department`);
    await q.query(`DROP TABLE whistle_board`);
  }
}
