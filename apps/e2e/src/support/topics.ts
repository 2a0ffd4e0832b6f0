import { eventTopics } from '@hotline/contracts';
import {
  createKafka,
  kafkaConfigFromEnv,
  KafkaEventPublisher,
  type RawMessage,
  sendRawMessages,
  TopicReader,
} from '@hotline/messaging';
import { type EventEnvelope } from '@hotline/contracts';
import { randomUUID } from 'node:crypto';
import { type TestSystem } from '../test-system';

/** The run's Kafka topics, to publish to and read from as another service would. */
export class RunTopics {
  readonly names;
  private readonly config;

  constructor(system: TestSystem) {
    this.config = kafkaConfigFromEnv(system.env);
    this.names = eventTopics(this.config.topicPrefix);
  }

  /** Every message on a topic now, from the beginning. */
  async read(topic: string): Promise<RawMessage[]> {
    const messages: RawMessage[] = [];
    const reader = new TopicReader(createKafka(this.config), [topic], `e2e-read-${randomUUID()}`);
    try {
      await reader.start(async (batch) => void messages.push(...batch));
      await reader.reach(await reader.endOffsets());
    } finally {
      await reader.stop();
    }
    return messages;
  }

  async publish(events: EventEnvelope[]): Promise<void> {
    const publisher = new KafkaEventPublisher(createKafka(this.config), this.config);
    try {
      await publisher.publish(events);
    } finally {
      await publisher.close();
    }
  }

  async sendRaw(topic: string, messages: { key: string; value: string }[]): Promise<void> {
    await sendRawMessages(createKafka(this.config), topic, messages);
  }
}
