import {
  type EventEnvelope,
  eventTopics,
  topicOfAggregate,
  validateEvent,
} from '@hotline/contracts';
import { CompressionTypes, type Kafka, type Message, Partitioners, type Producer } from 'kafkajs';
import { type KafkaConfig } from './kafka-config';
import { ensureTopics } from './topics';

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

export interface PublishOptions {
  /**
   * What to do with an event that fails its contract: `throw` (the default) refuses the whole
   * call with an InvalidEventError and sends nothing; `dead-letter` sends it to
   * `<prefix>.dead-letter` with the reason in its headers, the valid ones to their topic, and
   * reports it in the outcome — the aggregate's stream then has a gap its consumers can explain.
   */
  onInvalid?: 'throw' | 'dead-letter';
}

export interface PublishOutcome {
  published: number;
  deadLettered: { event: EventEnvelope; reason: string }[];
}

export interface EventPublisher {
  publish(events: EventEnvelope[], options?: PublishOptions): Promise<PublishOutcome>;
  close(): Promise<void>;
}

export interface KafkaEventPublisherOptions {
  /** Create the event topics when first connecting (what the worker needs; no wait at start-up). */
  ensureTopics?: boolean;
  /** Sent in the dead-letter headers (`dlq-source`): who refused the event. */
  source?: string;
  log?: (line: string) => void;
  /**
   * true (the default): concurrent publishes within one tick go out as one `sendBatch`. false:
   * one send per publish call, as before — kept so the benchmark can measure the lever alone.
   */
  microBatch?: boolean;
}

/**
 * kafkajs's own retries of one send, bounded: with the broker gone a send gives up after about
 * ten seconds and fails back to its caller (a Temporal activity, retried by Temporal) instead of
 * retrying in the background for ever and landing later next to the activity's retry.
 */
export const PRODUCER_RETRY = { retries: 5, initialRetryTime: 300, maxRetryTime: 4_000 };

interface Pending {
  messages: { topic: string; message: Message }[];
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Publishes domain events keyed by aggregate id (one aggregate → one partition → in order).
 *
 * - Connects lazily, on the first publish; a failed connect or send drops the producer, so the
 *   next publish connects again (Kafka down at the first publish never breaks publishing for good).
 * - Idempotent producer (acks=-1, one request in flight): kafkajs's retries within a send never
 *   write a message twice; its retries are bounded so a send either lands or fails back. A send
 *   whose answer was lost may still have landed, and the activity's retry then publishes it again:
 *   consumers drop that by event id / sequence.
 * - Concurrent publishes within one tick go out as one `sendBatch` (micro-batching); each caller
 *   learns the outcome of the batch that carried its events.
 * - Events are validated once, here, on the way out.
 */
export class KafkaEventPublisher implements EventPublisher {
  private producer: Producer | null = null;
  private connecting: Promise<Producer> | null = null;
  private queue: Pending[] = [];
  private flushScheduled = false;
  private topicsEnsured = false;
  private closed = false;
  private readonly topics;

  constructor(
    private readonly kafka: Kafka,
    private readonly config: KafkaConfig,
    private readonly options: KafkaEventPublisherOptions = {},
  ) {
    this.topics = eventTopics(config.topicPrefix);
  }

  async publish(events: EventEnvelope[], options: PublishOptions = {}): Promise<PublishOutcome> {
    const outcome: PublishOutcome = { published: 0, deadLettered: [] };
    if (events.length === 0) return outcome;
    const messages: Pending['messages'] = [];
    for (const e of events) {
      const checked = validateEvent(e);
      if (checked.ok) {
        messages.push({
          topic: topicOfAggregate(this.topics, e.aggregateType),
          message: toMessage(e),
        });
        outcome.published += 1;
        continue;
      }
      if (options.onInvalid !== 'dead-letter') throw new InvalidEventError(e, checked.reason);
      outcome.deadLettered.push({ event: e, reason: checked.reason });
      messages.push({ topic: this.topics.deadLetter, message: this.deadLetter(e, checked.reason) });
    }
    await new Promise<void>((resolve, reject) => {
      if (this.options.microBatch === false) {
        void this.send([{ messages, resolve, reject }]);
        return;
      }
      this.queue.push({ messages, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => void this.flush());
      }
    });
    return outcome;
  }

  async close(): Promise<void> {
    this.closed = true;
    const producer = this.producer ?? (await this.connecting?.catch(() => null));
    this.producer = null;
    this.connecting = null;
    if (producer) await producer.disconnect().catch(() => undefined);
  }

  private deadLetter(e: EventEnvelope, reason: string): Message {
    const value = safeJson(e);
    return {
      key: typeof e?.aggregateId === 'string' ? e.aggregateId : null,
      value,
      headers: {
        'dlq-reason': reason,
        'dlq-source': this.options.source ?? 'publisher',
        ...(typeof e?.eventId === 'string' ? { 'event-id': e.eventId } : {}),
        ...(typeof e?.sequence === 'number' ? { 'event-sequence': String(e.sequence) } : {}),
      },
    };
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    await this.send(batch);
  }

  private async send(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      if (this.closed) throw new Error('the event publisher is closed');
      const producer = await this.connect();
      const byTopic = new Map<string, Message[]>();
      for (const p of batch)
        for (const { topic, message } of p.messages)
          byTopic.set(topic, [...(byTopic.get(topic) ?? []), message]);
      await producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      for (const p of batch) p.resolve();
    } catch (err) {
      this.drop(err);
      for (const p of batch) p.reject(err);
    }
  }

  private connect(): Promise<Producer> {
    if (this.producer) return Promise.resolve(this.producer);
    this.connecting ??= (async () => {
      if (this.options.ensureTopics && !this.topicsEnsured) {
        await ensureTopics(this.kafka, this.config);
        this.topicsEnsured = true;
      }
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: PRODUCER_RETRY,
      });
      try {
        await producer.connect();
      } catch (err) {
        await producer.disconnect().catch(() => undefined);
        throw err;
      }
      this.producer = producer;
      return producer;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /**
   * After a failure the producer is dropped and the next publish connects a new one: a new
   * producer id, so a batch that landed without its answer is never confused with the next one.
   */
  private drop(err: unknown): void {
    const producer = this.producer;
    this.producer = null;
    if (producer) {
      this.options.log?.(
        `publish failed (${err instanceof Error ? err.message : String(err)}): reconnecting on the next publish`,
      );
      void producer.disconnect().catch(() => undefined);
    }
  }
}

function toMessage(e: EventEnvelope): Message {
  return {
    key: e.aggregateId,
    value: JSON.stringify(e),
    headers: { 'event-type': e.type, 'event-id': e.eventId },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return String(value);
  }
}
