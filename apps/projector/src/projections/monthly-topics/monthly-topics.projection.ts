import { asOrderEvent, type EventEnvelope } from '@hotline/contracts';
import { shanghaiMonth } from '@hotline/domain';
import { type Projection, type ProjectionContext } from '../../runner/projection';

/**
 * `matter_month_count`: accepted orders per month, matter type and street — what the monthly
 * topic (每月一题) proposals rank by frequency and growth. An order counts once, at its first
 * dispatch (it passed the filter), in the Beijing month of that dispatch (minutes after intake).
 */
export const monthlyTopicsProjection: Projection = {
  name: 'monthly-topics',
  aggregateTypes: ['order'],
  async apply(envelope: EventEnvelope, { sql }: ProjectionContext) {
    const event = asOrderEvent(envelope);
    if (event?.type !== 'OrderDispatched') return;
    const d = event.payload;
    if (d.attempt !== 1 || !d.matterTypeCode) return;
    await sql.exec(
      `INSERT INTO matter_month_count (month, matter_type_code, street_id, orders)
       VALUES ($1, $2, $3, 1)
       ON CONFLICT (month, matter_type_code, street_id) DO UPDATE
         SET orders = matter_month_count.orders + 1`,
      [shanghaiMonth(new Date(event.occurredAt)), d.matterTypeCode, d.streetId ?? ''],
    );
  },
};
