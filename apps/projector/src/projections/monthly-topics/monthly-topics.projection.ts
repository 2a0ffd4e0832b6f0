import { asOrderEvent, type EventEnvelope } from '@hotline/contracts';
import { shanghaiMonth } from '@hotline/domain';
import {
  type BatchContext,
  type Projection,
  type ProjectionContext,
} from '../../runner/projection';

const COUNTS = 'monthly-topics:counts';

/**
 * `matter_month_count`: accepted orders per month, matter type and street — what the monthly
 * topic (每月一题) proposals rank by frequency and growth. An order counts once, at its first
 * dispatch (it passed the filter), in the Beijing month of that dispatch (minutes after intake).
 * A batch adds to each counter once, in key order.
 */
export const monthlyTopicsProjection: Projection = {
  name: 'monthly-topics',
  aggregateTypes: ['order'],
  async apply(envelope: EventEnvelope, { batch }: ProjectionContext) {
    const event = asOrderEvent(envelope);
    if (event?.type !== 'OrderDispatched') return;
    const d = event.payload;
    if (d.attempt !== 1 || !d.matterTypeCode) return;
    let counts = batch.get(COUNTS) as Map<string, number> | undefined;
    if (!counts) batch.set(COUNTS, (counts = new Map()));
    const key = JSON.stringify([
      shanghaiMonth(new Date(event.occurredAt)),
      d.matterTypeCode,
      d.streetId ?? '',
    ]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  },
  async flush({ sql, batch }: BatchContext) {
    const counts = batch.get(COUNTS) as Map<string, number> | undefined;
    if (!counts?.size) return;
    const keys = [...counts.keys()].sort();
    const parsed = keys.map((k) => JSON.parse(k) as [string, string, string]);
    await sql.exec(
      `INSERT INTO matter_month_count (month, matter_type_code, street_id, orders)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])
       ON CONFLICT (month, matter_type_code, street_id) DO UPDATE
         SET orders = matter_month_count.orders + EXCLUDED.orders`,
      [
        parsed.map((p) => p[0]),
        parsed.map((p) => p[1]),
        parsed.map((p) => p[2]),
        keys.map((k) => counts.get(k)!),
      ],
    );
  },
};
