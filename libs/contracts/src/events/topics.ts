/** Kafka topics of the event history. The prefix separates environments (dev, tests). */
export function eventTopics(prefix: string) {
  return {
    orderEvents: `${prefix}.order-events`,
    whistleEvents: `${prefix}.whistle-events`,
    deadLetter: `${prefix}.dead-letter`,
  };
}
export type EventTopics = ReturnType<typeof eventTopics>;
