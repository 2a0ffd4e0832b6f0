import { type DeputyEvent, type EventEnvelope } from '@hotline/contracts';
import { type Projection, type ProjectionContext } from '../../runner/projection';

/**
 * `deputy_item`: each item a deputy recorded at a station (家站点) and where it stands;
 * `deputy_station_record`: each station's record — received, handed over (as orders, as
 * proposals), answered and on time, rated by rating, reported back, limits missed. The runner
 * applies each event once, in sequence, in the transaction that advances its position, so the
 * counters are added to, never recounted; a rebuild replays them from the governance topic.
 */
export const deputiesProjection: Projection = {
  name: 'deputies',
  aggregateTypes: ['deputy_item'],
  async apply(envelope: EventEnvelope, { sql }: ProjectionContext) {
    const event = { type: envelope.type, payload: envelope.payload } as DeputyEvent;
    const id = envelope.aggregateId;
    const at = envelope.occurredAt;
    const seq = envelope.sequence;
    const update = (set: string, params: unknown[]) =>
      sql.exec(
        `UPDATE deputy_item SET ${set}, last_sequence = $2, updated_at = $3 WHERE item_id = $1`,
        [id, seq, at, ...params],
      );
    /** Adds to the record of the item's station (columns are this file's own names only). */
    const count = (columns: string[]) =>
      sql.exec(
        `UPDATE deputy_station_record SET ${columns.map((c) => `${c} = ${c} + 1`).join(', ')},
                updated_at = $2
          WHERE station_id = (SELECT station_id FROM deputy_item WHERE item_id = $1)`,
        [id, at],
      );
    switch (event.type) {
      case 'DeputyItemRecorded': {
        const p = event.payload;
        await sql.exec(
          `INSERT INTO deputy_item (item_id, station_id, station_kind, street_id, deputy_id, kind,
             content, address, community_id, matter_type_code, resident_reachable, status,
             hand_over_by, recorded_at, last_sequence, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'recorded', $12, $13, $14, $13)`,
          [
            id,
            p.stationId,
            p.stationKind,
            p.streetId,
            p.deputyId,
            p.kind,
            p.content,
            p.location.address ?? null,
            p.location.communityId ?? null,
            p.matterTypeCode ?? null,
            p.residentReachable,
            p.handOverBy,
            at,
            seq,
          ],
        );
        await sql.exec(
          `INSERT INTO deputy_station_record (station_id, received, updated_at) VALUES ($1, 1, $2)
           ON CONFLICT (station_id) DO UPDATE SET received = deputy_station_record.received + 1,
             updated_at = EXCLUDED.updated_at`,
          [p.stationId, at],
        );
        return;
      }
      case 'DeputyItemHandedOver': {
        const p = event.payload;
        if (p.route === 'order')
          await update(
            `status = 'handed_over', route = 'order', order_id = $4, handed_over_at = $3`,
            [p.orderId],
          );
        else
          await update(
            `status = 'handed_over', route = 'proposal', unit_id = $4, due_at = $5, handed_over_at = $3`,
            [p.unitId, p.dueAt],
          );
        await count(['handed_over', p.route === 'order' ? 'as_orders' : 'as_proposals']);
        return;
      }
      case 'DeputyItemReminded':
        await update(`reminders = reminders + 1`, []);
        return;
      case 'DeputyItemOverdue':
        await update(`overdue_phases = array_append(overdue_phases, $4)`, [event.payload.phase]);
        await count(['overdue']);
        return;
      case 'DeputyItemAnswered': {
        const p = event.payload;
        await update(
          `status = 'answered', unit_id = $4, answered_at = $3, answer_outcome = $5,
           answer_summary = $6, answered_on_time = $7, rate_by = $8`,
          [p.unitId, p.outcome, p.summary, p.onTime, p.rateBy],
        );
        await count(p.onTime ? ['answered', 'answered_on_time'] : ['answered']);
        return;
      }
      case 'DeputyItemRated': {
        const p = event.payload;
        await update(`status = 'rated', rating = $4, rating_comment = $5, report_back_by = $6`, [
          p.rating,
          p.comment,
          p.reportBackBy,
        ]);
        await count(['rated', p.rating]);
        return;
      }
      case 'DeputyItemRatingLapsed':
        await update(`status = 'rated', rating_lapsed = true, report_back_by = $4`, [
          event.payload.reportBackBy,
        ]);
        await count(['rating_lapsed']);
        return;
      case 'DeputyItemReportedBack': {
        const p = event.payload;
        await update(
          `status = 'closed', reported_back_at = $3, resident_feedback = $4, reported_on_time = $5`,
          [p.resident, p.onTime],
        );
        await count(p.onTime ? ['reported_back', 'reported_on_time'] : ['reported_back']);
        return;
      }
    }
  },
};
