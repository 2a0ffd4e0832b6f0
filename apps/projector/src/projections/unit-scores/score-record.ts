import { asOrderEvent, type EventEnvelope } from '@hotline/contracts';
import { type OrderOutcomeRecord, shanghaiMonth } from '@hotline/domain';

/**
 * The scoring record of a closed order for its lead unit, from `OrderClosed` (which carries
 * everything the scores need). Orders closed at intake (rejected, merged, answered directly)
 * never reached a unit and score nothing. A terminated order (终止办理, decided by the centre
 * after review) leaves the denominators like a filtered one.
 */
export function scoreRecordOf(envelope: EventEnvelope): OrderOutcomeRecord | null {
  const event = asOrderEvent(envelope);
  if (event?.type !== 'OrderClosed') return null;
  const c = event.payload;
  if (!c.leadUnitId || (c.closure !== 'completed' && c.closure !== 'terminated')) return null;
  const answered = c.callback?.answered === true && c.callback.satisfaction !== undefined;
  return {
    orderId: event.aggregateId,
    unitId: c.leadUnitId,
    closedAt: new Date(event.occurredAt),
    respondedWithinLimit: c.respondedWithinLimit === true,
    callback: answered
      ? { solved: c.callback?.solved === true, satisfaction: c.callback!.satisfaction! }
      : 'no_answer',
    excluded: c.excluded,
    filtered: c.closure === 'terminated',
  };
}

export const monthOf = (record: OrderOutcomeRecord) => shanghaiMonth(record.closedAt);
