import { eventTopics, validateEvent } from '@hotline/contracts';
import { createKafka, type KafkaConfig, TopicReader } from '@hotline/messaging';

/**
 * How fast the event topics can be read from the beginning with kafkajs and nothing else
 * (`raw`), and with each message parsed and validated as the projector does (`validated`):
 * the ceilings a rebuild is measured against.
 */
export async function readSpeed(
  kafka: KafkaConfig,
  mode: 'raw' | 'validated',
): Promise<{ events: number; seconds: number; eventsPerSecond: number }> {
  const topics = eventTopics(kafka.topicPrefix);
  const reader = new TopicReader(
    createKafka(kafka),
    [topics.orderEvents, topics.whistleEvents],
    `hotline-bench-read-${Date.now().toString(36)}`,
  );
  let events = 0;
  const target = await reader.endOffsets();
  try {
    await reader.start(async (batch) => {
      for (const m of batch) {
        if (mode === 'validated' && !validateEvent(JSON.parse(m.value!.toString('utf8'))).ok) {
          throw new Error(`invalid event at ${m.topic}[${m.partition}]@${m.offset}`);
        }
        events += 1;
      }
    });
    await reader.reach(target);
    // From the first batch: joining the throwaway consumer group is not reading.
    const seconds = (Date.now() - (reader.firstBatchAt ?? Date.now())) / 1000;
    return { events, seconds, eventsPerSecond: events / Math.max(seconds, 0.001) };
  } finally {
    await reader.stop();
  }
}
