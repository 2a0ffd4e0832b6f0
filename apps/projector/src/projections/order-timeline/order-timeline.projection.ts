import { type EventEnvelope } from '@hotline/contracts';
import {
  type BatchContext,
  type Projection,
  type ProjectionContext,
} from '../../runner/projection';
import { describeEvent } from './describe-event';

const ROWS = 'order-timeline:rows';

/**
 * `order_timeline`: every event of an order, in sequence, with one readable line. The batch's
 * lines go in with one statement.
 */
export const orderTimelineProjection: Projection = {
  name: 'order-timeline',
  aggregateTypes: ['order'],
  async apply(event: EventEnvelope, { batch }: ProjectionContext) {
    const { unitId, summary } = describeEvent(event);
    let rows = batch.get(ROWS) as object[] | undefined;
    if (!rows) batch.set(ROWS, (rows = []));
    rows.push({
      order_id: event.aggregateId,
      sequence: event.sequence,
      event_id: event.eventId,
      type: event.type,
      occurred_at: event.occurredAt,
      unit_id: unitId,
      summary,
      payload: event.payload,
    });
  },
  async flush({ sql, batch }: BatchContext) {
    const rows = batch.get(ROWS) as object[] | undefined;
    if (!rows?.length) return;
    await sql.exec(
      `INSERT INTO order_timeline (order_id, sequence, event_id, type, occurred_at, unit_id, summary, payload)
       SELECT order_id, sequence, event_id, type, occurred_at, unit_id, summary, payload
         FROM json_populate_recordset(NULL::order_timeline, $1::json)
       ON CONFLICT (order_id, sequence) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  },
};
