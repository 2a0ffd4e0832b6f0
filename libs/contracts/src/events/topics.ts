import { type AggregateType } from './envelope';

/** Kafka topics of the event history. The prefix separates environments (dev, tests). */
export function eventTopics(prefix: string) {
  return {
    orderEvents: `${prefix}.order-events`,
    whistleEvents: `${prefix}.whistle-events`,
    /** Events the projector derives (未诉先办: HotspotDetected), keyed by their own aggregate id. */
    proactiveEvents: `${prefix}.proactive-events`,
    /** Governance processes: duty admission (准入), deputies' items (家站点), proactive tasks (未诉先办). */
    governanceEvents: `${prefix}.governance-events`,
    deadLetter: `${prefix}.dead-letter`,
  };
}
export type EventTopics = ReturnType<typeof eventTopics>;

/** The topic that holds the history of one kind of aggregate. */
export function topicOfAggregate(topics: EventTopics, aggregateType: AggregateType): string {
  switch (aggregateType) {
    case 'order':
      return topics.orderEvents;
    case 'whistle':
      return topics.whistleEvents;
    case 'hotspot':
      return topics.proactiveEvents;
    case 'admission':
    case 'deputy_item':
    case 'proactive_task':
      return topics.governanceEvents;
  }
}
