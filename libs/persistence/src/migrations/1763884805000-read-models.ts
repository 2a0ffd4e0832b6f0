import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The read models of the order events (issue 6): projection positions and gaps, the order view
 * (extended) and timeline, unit inboxes, the SLA board, monthly unit scores (三率), hotspots
 * (未诉先办) and matter counts for the monthly topic (每月一题).
 *
 * Read-model tables hold only what the events say — never the time they were projected — so a
 * rebuild from the topics yields the same rows. No serial columns: a rebuild clones these tables
 * into a fresh schema and swaps them in, and a sequence would stay behind.
 */
export class ReadModels1763884805000 implements MigrationInterface {
  name = 'ReadModels1763884805000';

  async up(q: QueryRunner): Promise<void> {
    // Idempotency: the last sequence each projection applied, per aggregate. The one before it
    // lets the upsert that advances a position also report a gap (PostgreSQL 15's RETURNING
    // cannot show the old row).
    await q.query(`
      CREATE TABLE projection_position (
        aggregate_type    text    NOT NULL,
        aggregate_id      text    NOT NULL,
        projection        text    NOT NULL,
        last_sequence     integer NOT NULL,
        previous_sequence integer NOT NULL,
        PRIMARY KEY (aggregate_type, aggregate_id, projection)
      )`);
    // Sequence gaps seen (a lost or dead-lettered event): reported, and kept for inspection.
    await q.query(`
      CREATE TABLE projection_gap (
        projection        text    NOT NULL,
        aggregate_type    text    NOT NULL,
        aggregate_id      text    NOT NULL,
        expected_sequence integer NOT NULL,
        received_sequence integer NOT NULL,
        event_id          text    NOT NULL,
        event_type        text    NOT NULL,
        PRIMARY KEY (projection, aggregate_type, aggregate_id, expected_sequence)
      )`);

    await q.query(`
      ALTER TABLE order_view
        ADD COLUMN community_id           text,
        ADD COLUMN grid_id                text,
        ADD COLUMN lead_unit_id           text,
        ADD COLUMN assisting_unit_ids     text[]  NOT NULL DEFAULT '{}',
        ADD COLUMN supervising_unit_ids   text[]  NOT NULL DEFAULT '{}',
        ADD COLUMN dispatch_attempt       integer NOT NULL DEFAULT 0,
        ADD COLUMN dispatched_at          timestamptz,
        ADD COLUMN filter_outcome         text,
        ADD COLUMN filter_reason          text,
        ADD COLUMN merged_into_order_id   text,
        ADD COLUMN dispatch_by            timestamptz,
        ADD COLUMN acknowledge_by         timestamptz,
        ADD COLUMN return_by              timestamptz,
        ADD COLUMN respond_by             timestamptz,
        ADD COLUMN handle_by              timestamptz,
        ADD COLUMN callback_due_at        timestamptz,
        ADD COLUMN next_due_kind          text,
        ADD COLUMN next_due_at            timestamptz,
        ADD COLUMN acknowledged_at        timestamptz,
        ADD COLUMN responded_at           timestamptz,
        ADD COLUMN responded_within_limit boolean,
        ADD COLUMN resolved_at            timestamptz,
        ADD COLUMN resolved_within_limit  boolean,
        ADD COLUMN resolution_outcome     text,
        ADD COLUMN callback_attempts      integer NOT NULL DEFAULT 0,
        ADD COLUMN callback_answered      boolean,
        ADD COLUMN callback_solved        boolean,
        ADD COLUMN callback_satisfaction  text,
        ADD COLUMN rework_rounds          integer NOT NULL DEFAULT 0,
        ADD COLUMN return_count           integer NOT NULL DEFAULT 0,
        ADD COLUMN extension_status       text,
        ADD COLUMN exclusion_status       text,
        ADD COLUMN breaches               text[]  NOT NULL DEFAULT '{}',
        ADD COLUMN first_breached_at      timestamptz,
        ADD COLUMN reminder_count         integer NOT NULL DEFAULT 0,
        ADD COLUMN urge_count             integer NOT NULL DEFAULT 0,
        ADD COLUMN last_urged_at          timestamptz,
        ADD COLUMN escalation_count       integer NOT NULL DEFAULT 0,
        ADD COLUMN last_escalated_at      timestamptz,
        ADD COLUMN last_escalation_note   text,
        ADD COLUMN closure                text,
        ADD COLUMN closed_at              timestamptz`);
    await q.query(
      `CREATE INDEX order_view_received ON order_view (received_at DESC, order_id DESC)`,
    );
    await q.query(
      `CREATE INDEX order_view_lead_unit ON order_view (lead_unit_id, received_at DESC)`,
    );
    await q.query(`CREATE INDEX order_view_street ON order_view (street_id, received_at DESC)`);
    await q.query(`CREATE INDEX order_view_status ON order_view (status, received_at DESC)`);
    await q.query(
      `CREATE INDEX order_view_matter ON order_view (matter_type_code, received_at DESC)`,
    );

    // One row per event of an order, in sequence: the order's history as people read it.
    await q.query(`
      CREATE TABLE order_timeline (
        order_id    text        NOT NULL,
        sequence    integer     NOT NULL,
        event_id    text        NOT NULL,
        type        text        NOT NULL,
        occurred_at timestamptz NOT NULL,
        unit_id     text,
        summary     text        NOT NULL,
        payload     jsonb       NOT NULL,
        PRIMARY KEY (order_id, sequence)
      )`);

    // A unit's open orders (lead or assisting), with what it must do next and by when.
    await q.query(`
      CREATE TABLE unit_inbox (
        unit_id          text        NOT NULL,
        order_id         text        NOT NULL,
        role             text        NOT NULL,
        status           text        NOT NULL,
        urgency          text        NOT NULL,
        category         text        NOT NULL,
        matter_type_code text,
        street_id        text,
        community_id     text,
        address          text        NOT NULL,
        received_at      timestamptz NOT NULL,
        next_action      text        NOT NULL,
        due_at           timestamptz,
        handle_by        timestamptz,
        breaches         text[]      NOT NULL,
        escalation_count integer     NOT NULL,
        PRIMARY KEY (unit_id, order_id)
      )`);
    await q.query(`CREATE INDEX unit_inbox_due ON unit_inbox (unit_id, due_at, order_id)`);
    await q.query(`CREATE INDEX unit_inbox_order ON unit_inbox (order_id)`);

    // The centre's supervision board: every open order with its next limit, breaches, escalations.
    await q.query(`
      CREATE TABLE sla_board (
        order_id             text        PRIMARY KEY,
        status               text        NOT NULL,
        urgency              text        NOT NULL,
        lead_unit_id         text,
        street_id            text,
        matter_type_code     text,
        received_at          timestamptz NOT NULL,
        due_kind             text,
        due_at               timestamptz,
        breaches             text[]      NOT NULL,
        first_breached_at    timestamptz,
        urge_count           integer     NOT NULL,
        last_urged_at        timestamptz,
        escalation_count     integer     NOT NULL,
        last_escalated_at    timestamptz,
        last_escalation_note text
      )`);
    await q.query(`CREATE INDEX sla_board_due ON sla_board (due_at, order_id)`);
    await q.query(
      `CREATE INDEX sla_board_breached ON sla_board (first_breached_at, order_id) WHERE first_breached_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX sla_board_escalated ON sla_board (last_escalated_at, order_id) WHERE escalation_count > 0`,
    );

    // 三率: each closed order's outcome for its lead unit, and the month's scores from libs/domain.
    await q.query(`
      CREATE TABLE unit_score_record (
        unit_id                text        NOT NULL,
        month                  text        NOT NULL,
        order_id               text        NOT NULL,
        closed_at              timestamptz NOT NULL,
        closure                text        NOT NULL,
        responded_within_limit boolean     NOT NULL,
        callback_answered      boolean     NOT NULL,
        callback_solved        boolean,
        callback_satisfaction  text,
        excluded               boolean     NOT NULL,
        filtered               boolean     NOT NULL,
        PRIMARY KEY (unit_id, month, order_id)
      )`);
    await q.query(`
      CREATE TABLE unit_month_score (
        month               text    NOT NULL,
        unit_id             text    NOT NULL,
        ranking_group       text,
        closed              integer NOT NULL,
        excluded            integer NOT NULL,
        filtered            integer NOT NULL,
        counted             integer NOT NULL,
        responded_in_time   integer NOT NULL,
        callbacks_answered  integer NOT NULL,
        no_answer           integer NOT NULL,
        solved              integer NOT NULL,
        satisfied           integer NOT NULL,
        basically_satisfied integer NOT NULL,
        dissatisfied        integer NOT NULL,
        response_rate       double precision,
        resolution_rate     double precision,
        satisfaction_rate   double precision,
        composite           double precision,
        PRIMARY KEY (month, unit_id)
      )`);

    // 未诉先办: accepted orders with a matter type and a community, and the windows above threshold.
    await q.query(`
      CREATE TABLE hotspot_order (
        order_id         text        PRIMARY KEY,
        matter_type_code text        NOT NULL,
        community_id     text        NOT NULL,
        street_id        text,
        received_at      timestamptz NOT NULL,
        received_day     date        NOT NULL,
        accepted         boolean     NOT NULL
      )`);
    await q.query(
      `CREATE INDEX hotspot_order_group ON hotspot_order (matter_type_code, community_id, received_day) WHERE accepted`,
    );
    await q.query(`
      CREATE TABLE hotspot (
        hotspot_id       text    PRIMARY KEY,
        matter_type_code text    NOT NULL,
        community_id     text    NOT NULL,
        street_id        text,
        window_start     date    NOT NULL,
        window_end       date    NOT NULL,
        order_count      integer NOT NULL,
        order_ids        text[]  NOT NULL
      )`);
    await q.query(`CREATE INDEX hotspot_window ON hotspot (window_end DESC, hotspot_id)`);
    await q.query(`CREATE INDEX hotspot_street ON hotspot (street_id, window_end DESC)`);
    // Not a read model: HotspotDetected events waiting to be published (the projector's outbox).
    // It outlives rebuilds, so a hotspot found again is never published twice.
    await q.query(`
      CREATE TABLE hotspot_outbox (
        event_id     text        PRIMARY KEY,
        hotspot_id   text        NOT NULL,
        event        jsonb       NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX hotspot_outbox_pending ON hotspot_outbox (created_at) WHERE published_at IS NULL`,
    );

    // 每月一题: orders per matter type, street and month, for the month's candidate topics.
    await q.query(`
      CREATE TABLE matter_month_count (
        month            text    NOT NULL,
        matter_type_code text    NOT NULL,
        street_id        text    NOT NULL,
        orders           integer NOT NULL,
        PRIMARY KEY (month, matter_type_code, street_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'matter_month_count',
      'hotspot_outbox',
      'hotspot',
      'hotspot_order',
      'unit_month_score',
      'unit_score_record',
      'sla_board',
      'unit_inbox',
      'order_timeline',
      'projection_gap',
      'projection_position',
    ])
      await q.query(`DROP TABLE ${table}`);
    for (const index of ['received', 'lead_unit', 'street', 'status', 'matter'])
      await q.query(`DROP INDEX order_view_${index}`);
    const added = `community_id grid_id lead_unit_id assisting_unit_ids supervising_unit_ids
      dispatch_attempt dispatched_at filter_outcome filter_reason merged_into_order_id dispatch_by
      acknowledge_by return_by respond_by handle_by callback_due_at next_due_kind next_due_at
      acknowledged_at responded_at responded_within_limit resolved_at resolved_within_limit
      resolution_outcome callback_attempts callback_answered callback_solved callback_satisfaction
      rework_rounds return_count extension_status exclusion_status breaches first_breached_at
      reminder_count urge_count last_urged_at escalation_count last_escalated_at
      last_escalation_note closure closed_at`.split(/\s+/);
    await q.query(`ALTER TABLE order_view ${added.map((c) => `DROP COLUMN ${c}`).join(', ')}`);
  }
}
