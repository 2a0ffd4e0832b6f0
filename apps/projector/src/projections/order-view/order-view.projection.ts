import { type EventEnvelope } from '@hotline/contracts';
import { type Projection, type ProjectionContext } from '../../runner/projection';
import { evolveOrderSnapshot } from './order-snapshot';
import { loadOrderSnapshot, saveOrderSnapshot } from './order-view.store';

/** `order_view`: one row per order, folded from its events (status, unit, limits, outcome). */
export const orderViewProjection: Projection = {
  name: 'order-view',
  aggregateTypes: ['order'],
  async apply(event: EventEnvelope, { sql }: ProjectionContext) {
    const previous =
      event.type === 'OrderReceived' ? null : await loadOrderSnapshot(sql, event.aggregateId);
    const next = evolveOrderSnapshot(previous, event);
    if (next) await saveOrderSnapshot(sql, next);
  },
};
