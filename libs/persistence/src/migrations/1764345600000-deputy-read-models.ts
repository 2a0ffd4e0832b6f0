import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Deputies' items (家站点): the items and where they stand, and each station's record. */
export class DeputyReadModels1764345600000 implements MigrationInterface {
  name = 'DeputyReadModels1764345600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deputy_item (
        item_id            text PRIMARY KEY,
        station_id         text        NOT NULL,
        station_kind       text        NOT NULL,
        street_id          text        NOT NULL,
        deputy_id          text        NOT NULL,
        kind               text        NOT NULL,
        content            text        NOT NULL,
        address            text,
        community_id       text,
        matter_type_code   text,
        resident_reachable boolean     NOT NULL,
        status             text        NOT NULL,
        route              text,
        order_id           text,
        unit_id            text,
        hand_over_by       timestamptz,
        handed_over_at     timestamptz,
        due_at             timestamptz,
        answered_at        timestamptz,
        answer_outcome     text,
        answer_summary     text,
        answered_on_time   boolean,
        rate_by            timestamptz,
        rating             text,
        rating_comment     text,
        rating_lapsed      boolean     NOT NULL DEFAULT false,
        report_back_by     timestamptz,
        reported_back_at   timestamptz,
        resident_feedback  text,
        reported_on_time   boolean,
        reminders          integer     NOT NULL DEFAULT 0,
        overdue_phases     text[]      NOT NULL DEFAULT '{}',
        recorded_at        timestamptz NOT NULL,
        last_sequence      integer     NOT NULL,
        updated_at         timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX deputy_item_station ON deputy_item (station_id, recorded_at DESC)`);
    await q.query(`CREATE INDEX deputy_item_unit ON deputy_item (unit_id, recorded_at DESC)`);
    await q.query(`
      CREATE TABLE deputy_station_record (
        station_id          text PRIMARY KEY,
        received            integer     NOT NULL DEFAULT 0,
        handed_over         integer     NOT NULL DEFAULT 0,
        as_orders           integer     NOT NULL DEFAULT 0,
        as_proposals        integer     NOT NULL DEFAULT 0,
        answered            integer     NOT NULL DEFAULT 0,
        answered_on_time    integer     NOT NULL DEFAULT 0,
        rated               integer     NOT NULL DEFAULT 0,
        satisfied           integer     NOT NULL DEFAULT 0,
        basically_satisfied integer     NOT NULL DEFAULT 0,
        dissatisfied        integer     NOT NULL DEFAULT 0,
        rating_lapsed       integer     NOT NULL DEFAULT 0,
        reported_back       integer     NOT NULL DEFAULT 0,
        reported_on_time    integer     NOT NULL DEFAULT 0,
        overdue             integer     NOT NULL DEFAULT 0,
        updated_at          timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deputy_station_record`);
    await q.query(`DROP TABLE deputy_item`);
  }
}
