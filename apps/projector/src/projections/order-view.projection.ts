import { type EventEnvelope, type OrderReceivedV1 } from '@hotline/contracts';
import { OrderViewEntity } from '@hotline/persistence';
import { type EntityManager } from 'typeorm';

export type ApplyOutcome = 'applied' | 'duplicate' | 'ignored';

/**
 * Keeps `order_view` in step with the order events. Idempotent: an event whose sequence is at or
 * below the row's `last_sequence` was applied before and changes nothing.
 */
export class OrderViewProjection {
  async apply(event: EventEnvelope, em: EntityManager): Promise<ApplyOutcome> {
    if (event.aggregateType !== 'order') return 'ignored';
    const repo = em.getRepository(OrderViewEntity);
    const current = await repo.findOne({
      where: { orderId: event.aggregateId },
      lock: { mode: 'pessimistic_write' },
    });
    if (current && event.sequence <= current.lastSequence) return 'duplicate';

    switch (event.type) {
      case 'OrderReceived': {
        const p = event.payload as OrderReceivedV1;
        // ON CONFLICT DO NOTHING: two consumers racing on a first event both end with one row.
        await repo
          .createQueryBuilder()
          .insert()
          .values({
            orderId: p.orderId,
            status: 'received',
            channel: p.channel,
            category: p.category,
            content: p.content,
            urgency: p.urgency,
            matterTypeCode: p.matterTypeCode ?? null,
            address: p.location.address,
            streetId: p.location.streetId ?? null,
            receivedAt: new Date(p.receivedAt),
            updatedAt: new Date(event.occurredAt),
            lastSequence: event.sequence,
          })
          .orIgnore()
          .execute();
        return 'applied';
      }
      default:
        return 'ignored';
    }
  }
}
