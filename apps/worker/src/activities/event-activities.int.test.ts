import { type EventEnvelope, eventTopics } from '@hotline/contracts';
import {
  createKafka,
  deleteTopics,
  kafkaConfigFromEnv,
  KafkaEventPublisher,
  type RawMessage,
  TopicReader,
} from '@hotline/messaging';
import { randomUUID } from 'node:crypto';
import { createEventActivities } from './event-activities';

/**
 * The publishing activity on the real Kafka (topics of this run's own): an event that breaks its
 * contract must not fail the activity for ever (its order would never move again).
 */
const config = {
  ...kafkaConfigFromEnv(),
  topicPrefix: `hotline-test-act-${randomUUID().slice(0, 8)}`,
};
const topics = eventTopics(config.topicPrefix);
const publisher = new KafkaEventPublisher(createKafka(config), config, {
  ensureTopics: true,
  source: 'worker test',
});

async function readAll(topic: string): Promise<RawMessage[]> {
  const messages: RawMessage[] = [];
  const reader = new TopicReader(createKafka(config), [topic], `act-test-${randomUUID()}`);
  try {
    await reader.start(async (batch) => void messages.push(...batch));
    await reader.reach(await reader.endOffsets());
  } finally {
    await reader.stop();
  }
  return messages;
}

afterAll(async () => {
  await publisher.close();
  await deleteTopics(createKafka(config), config);
}, 60_000);

it('publishes the valid events and sends one that fails validation to the dead-letter topic with the reason, and succeeds', async () => {
  const orderId = `HL-ACT-${randomUUID()}`;
  const envelope = (sequence: number, type: string, payload: Record<string, unknown>) =>
    ({
      eventId: randomUUID(),
      aggregateType: 'order',
      aggregateId: orderId,
      sequence,
      type,
      schemaVersion: 1,
      occurredAt: new Date().toISOString(),
      payload,
    }) as EventEnvelope;
  const received = envelope(1, 'OrderReceived', {
    orderId,
    channel: 'phone',
    category: 'complaint',
    content: '小区门口垃圾无人清运',
    matterTypeCode: 'CG-003',
    urgency: 'normal',
    location: { address: '星湖西里5号楼', streetId: 'XHJD', communityId: 'XHJD-03' },
    receivedAt: new Date().toISOString(),
  });
  const broken = envelope(2, 'OrderAcknowledged', { unitId: 42 });
  const log: string[] = [];
  const activities = createEventActivities(publisher, (line) => log.push(line));

  await expect(activities.publishEvents([received, broken])).resolves.toBeUndefined();

  const events = (await readAll(topics.orderEvents)).filter((m) => m.key?.toString() === orderId);
  expect(events.map((m) => JSON.parse(m.value!.toString()).sequence)).toEqual([1]);
  const dead = (await readAll(topics.deadLetter)).filter((m) => m.key?.toString() === orderId);
  expect(dead.map((m) => m.headers['event-id'])).toEqual([broken.eventId]);
  expect(dead[0]!.headers['dlq-reason']).toMatch(/^OrderAcknowledged v1 payload: /);
  expect(dead[0]!.headers['dlq-source']).toBe('worker test');
  expect(log).toEqual([expect.stringContaining(`dead-lettered OrderAcknowledged ${orderId}#2`)]);
}, 60_000);
