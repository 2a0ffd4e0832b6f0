import {
  type EventEnvelope,
  eventTopics,
  topicOfAggregate,
  validateEvent,
} from '@hotline/contracts';
import { CompressionTypes, type Kafka, Partitioners, type Producer } from 'kafkajs';
import { type KafkaConfig } from './kafka-config';

/** An event that does not match its contract: never sent, so no consumer has to dead-letter it. */
export class InvalidEventError extends Error {
  constructor(
    readonly event: EventEnvelope,
    readonly reason: string,
  ) {
    super(`refusing to publish ${event.type} ${event.aggregateId}#${event.sequence}: ${reason}`);
    this.name = 'InvalidEventError';
  }
}

export interface EventPublisher {
  publish(events: EventEnvelope[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Publishes domain events keyed by aggregate id (one aggregate → one partition → in order).
 * The producer is idempotent, so broker-side retries never write a message twice; a retried
 * activity may still publish an event again, which consumers drop by event id / sequence.
 */
export class KafkaEventPublisher implements EventPublisher {
  private producer: Producer;
  private connected: Promise<void> | null = null;

  constructor(
    kafka: Kafka,
    private readonly config: KafkaConfig,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      // An idempotent producer must not give up on its own; the activity's timeout bounds it.
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5_000 },
    });
  }

  async publish(events: EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    // Validated on the way out as on the way in: a bad event fails its publisher, loudly.
    for (const e of events) {
      const checked = validateEvent(e);
      if (!checked.ok) throw new InvalidEventError(e, checked.reason);
    }
    this.connected ??= this.producer.connect();
    await this.connected;
    const topics = eventTopics(this.config.topicPrefix);
    const byTopic = new Map<string, EventEnvelope[]>();
    for (const e of events) {
      const topic = topicOfAggregate(topics, e.aggregateType);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), e]);
    }
    await this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((e) => ({
          key: e.aggregateId,
          value: JSON.stringify(e),
          headers: { 'event-type': e.type, 'event-id': e.eventId },
        })),
      })),
    });
  }

  async close(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
  }
}
