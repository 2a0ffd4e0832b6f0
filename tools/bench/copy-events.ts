import { eventTopics } from '@hotline/contracts';
import { createKafka, type KafkaConfig, TopicReader } from '@hotline/messaging';
import { randomUUID } from 'node:crypto';

/**
 * More events for the rebuild to read, of the same shapes as the run's real ones: every event of
 * the run's lifecycle orders (aggregate ids `<run>-L-<n>`) published again `copies` times, each
 * copy as other orders (`<run>-R<k>-<n>`: the id replaced wherever it occurs, a new event id),
 * same topics, keys and headers. The copies land in the same communities on the same day, so they
 * exercise the hotspots as a storm would. Returns how many events were published.
 */
export async function publishCopies(
  kafka: KafkaConfig,
  runId: string,
  copies: number,
): Promise<number> {
  if (copies <= 0) return 0;
  const topics = eventTopics(kafka.topicPrefix);
  const reader = new TopicReader(
    createKafka(kafka),
    [topics.orderEvents, topics.whistleEvents, topics.governanceEvents],
    `hotline-bench-copy-${Date.now().toString(36)}`,
  );
  const originals: { topic: string; aggregateId: string; value: string; headers: object }[] = [];
  const lifecycle = `${runId}-L-`;
  const target = await reader.endOffsets();
  await reader.start(async (batch) => {
    for (const m of batch) {
      const value = m.value?.toString('utf8') ?? '';
      const aggregateId = (JSON.parse(value) as { aggregateId?: string }).aggregateId ?? '';
      if (aggregateId.startsWith(lifecycle))
        originals.push({ topic: m.topic, aggregateId, value, headers: m.headers });
    }
  });
  try {
    await reader.reach(target);
  } finally {
    await reader.stop();
  }

  const producer = createKafka(kafka).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  let published = 0;
  try {
    for (let k = 1; k <= copies; k++) {
      const byTopic = new Map<string, { key: string; value: string; headers: object }[]>();
      for (const o of originals) {
        const id = o.aggregateId.replace(lifecycle, `${runId}-R${k}-`);
        const event = JSON.parse(o.value.split(o.aggregateId).join(id)) as { eventId: string };
        event.eventId = randomUUID();
        const list = byTopic.get(o.topic) ?? [];
        byTopic.set(o.topic, list);
        list.push({ key: id, value: JSON.stringify(event), headers: o.headers });
      }
      await producer.sendBatch({
        topicMessages: [...byTopic].map(([topic, messages]) => ({
          topic,
          messages: messages.map((m) => ({
            key: m.key,
            value: m.value,
            headers: m.headers as Record<string, string>,
          })),
        })),
      });
      published += originals.length;
    }
  } finally {
    await producer.disconnect();
  }
  return published;
}
