import { type EventEnvelope } from '@hotline/contracts';
import { type Projection, type ProjectionContext } from '../../runner/projection';
import { describeEvent } from './describe-event';

/** `order_timeline`: every event of an order, in sequence, with one readable line. */
export const orderTimelineProjection: Projection = {
  name: 'order-timeline',
  aggregateTypes: ['order'],
  async apply(event: EventEnvelope, { sql }: ProjectionContext) {
    const { unitId, summary } = describeEvent(event);
    await sql.exec(
      `INSERT INTO order_timeline (order_id, sequence, event_id, type, occurred_at, unit_id, summary, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (order_id, sequence) DO NOTHING`,
      [
        event.aggregateId,
        event.sequence,
        event.eventId,
        event.type,
        event.occurredAt,
        unitId,
        summary,
        event.payload,
      ],
    );
  },
};
