import { type EventEnvelope, eventTopics } from '@hotline/contracts';
import { randomUUID } from 'node:crypto';
import { deleteTopics, ensureTopics } from './topics';
import { createKafka } from './kafka';
import { kafkaConfigFromEnv, type KafkaConfig } from './kafka-config';
import { KafkaEventPublisher, PRODUCER_RETRY } from './event-publisher';
import { type RawMessage, TopicReader } from './topic-reader';
import { TcpProxy } from '../../../tools/testing/tcp-proxy';

/**
 * The publisher on the real Kafka (topics of this run's own). Kafka "down" is a TCP proxy to the
 * broker that is not listening yet: the client's first contact (bootstrap) goes through it; the
 * shared broker itself is never touched.
 */
const base = kafkaConfigFromEnv();
const config: KafkaConfig = {
  ...base,
  topicPrefix: `hotline-test-pub-${randomUUID().slice(0, 8)}`,
};
const topics = eventTopics(config.topicPrefix);

function event(
  orderId: string,
  sequence: number,
  payload?: Record<string, unknown>,
): EventEnvelope {
  return {
    eventId: randomUUID(),
    type: 'OrderReceived',
    schemaVersion: 1,
    aggregateType: 'order',
    aggregateId: orderId,
    sequence,
    occurredAt: new Date().toISOString(),
    payload: payload ?? {
      orderId,
      channel: 'phone',
      category: 'complaint',
      content: '路灯不亮已经三天了',
      matterTypeCode: 'CG-003',
      urgency: 'normal',
      location: { address: '星湖西里5号楼', streetId: 'XHJD', communityId: 'XHJD-03' },
      receivedAt: new Date().toISOString(),
    },
  } as EventEnvelope;
}

async function readAll(topic: string): Promise<RawMessage[]> {
  const messages: RawMessage[] = [];
  const reader = new TopicReader(createKafka(config), [topic], `pub-test-${randomUUID()}`);
  try {
    await reader.start(async (batch) => void messages.push(...batch));
    await reader.reach(await reader.endOffsets());
  } finally {
    await reader.stop();
  }
  return messages;
}

beforeAll(async () => {
  await ensureTopics(createKafka(config), config);
}, 60_000);
afterAll(async () => {
  await deleteTopics(createKafka(config), config);
}, 60_000);

describe('KafkaEventPublisher', () => {
  it('connects again after Kafka was unreachable at the first publish, instead of failing for ever', async () => {
    const down = await TcpProxy.down(base.brokers[0]!);
    const publisher = new KafkaEventPublisher(
      createKafka({ ...config, brokers: [down.address] }, () => {}, { retry: PRODUCER_RETRY }),
      config,
    );
    const orderId = `HL-PUB-${randomUUID()}`;
    const first = event(orderId, 1);
    try {
      // Kafka unreachable: the publish fails back to its caller (bounded retries, no hang)…
      await expect(publisher.publish([first])).rejects.toThrow();
      // …and once Kafka answers, the next publish (the activity's retry) goes through.
      await down.open();
      await expect(publisher.publish([first])).resolves.toEqual({ published: 1, deadLettered: [] });
    } finally {
      await publisher.close();
      await down.cut();
    }
    const onTopic = (await readAll(topics.orderEvents)).filter(
      (m) => m.key?.toString() === orderId,
    );
    expect(onTopic.map((m) => JSON.parse(m.value!.toString()).eventId)).toEqual([first.eventId]);
  }, 90_000);

  it('sends the events of concurrent publishes, each once and in order per aggregate', async () => {
    const publisher = new KafkaEventPublisher(createKafka(config), config);
    const orders = Array.from({ length: 20 }, () => `HL-PUB-${randomUUID()}`);
    try {
      await Promise.all(
        orders.map(async (orderId) => {
          for (let seq = 1; seq <= 3; seq++) await publisher.publish([event(orderId, seq)]);
        }),
      );
    } finally {
      await publisher.close();
    }
    const onTopic = (await readAll(topics.orderEvents)).filter((m) =>
      orders.includes(m.key?.toString() ?? ''),
    );
    for (const orderId of orders)
      expect(
        onTopic
          .filter((m) => m.key?.toString() === orderId)
          .map((m) => JSON.parse(m.value!.toString()).sequence),
      ).toEqual([1, 2, 3]);
  }, 60_000);

  it('dead-letters an event that breaks its contract, with the reason, when asked to, and sends the rest', async () => {
    const publisher = new KafkaEventPublisher(createKafka(config), config, { source: 'test' });
    const orderId = `HL-PUB-${randomUUID()}`;
    const good = event(orderId, 1);
    const bad = event(orderId, 2, { orderId: 42 });
    try {
      await expect(publisher.publish([good, bad])).rejects.toThrow(/refusing to publish/);
      const outcome = await publisher.publish([good, bad], { onInvalid: 'dead-letter' });
      expect(outcome.published).toBe(1);
      expect(outcome.deadLettered.map((d) => d.event.eventId)).toEqual([bad.eventId]);
    } finally {
      await publisher.close();
    }
    const events = (await readAll(topics.orderEvents)).filter((m) => m.key?.toString() === orderId);
    expect(events.map((m) => JSON.parse(m.value!.toString()).eventId)).toEqual([good.eventId]);
    const dead = (await readAll(topics.deadLetter)).filter((m) => m.key?.toString() === orderId);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.headers).toMatchObject({
      'dlq-reason': expect.stringMatching(/^OrderReceived v1 payload: .*orderId/),
      'dlq-source': 'test',
      'event-id': bad.eventId,
      'event-sequence': '2',
    });
    expect(JSON.parse(dead[0]!.value!.toString())).toEqual(bad);
  }, 60_000);
});
