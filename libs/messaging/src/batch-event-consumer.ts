import { type EventEnvelope, validateEvent } from '@hotline/contracts';
import { type Consumer, type Kafka, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';

export interface ConsumedEvent {
  event: EventEnvelope;
  topic: string;
  partition: number;
  offset: string;
  /** When the broker appended the message (ms since epoch). */
  appendedAt: number;
}

export interface ConsumerStats {
  applied: number;
  deadLettered: number;
}

/** How a failed batch is treated: retried as it is, or split to find the event that fails. */
export type FailureKind = 'transient' | 'event';

export interface BatchEventConsumerOptions {
  groupId: string;
  topics: string[];
  deadLetterTopic: string;
  fromBeginning?: boolean;
  /** Partitions handled at the same time (each in order); default 1. */
  partitionsConsumedConcurrently?: number;
  /**
   * Applies the valid events of one partition's batch, in order, all or nothing (one
   * transaction); must be idempotent. Throwing rolls the batch back.
   */
  handleBatch(events: ConsumedEvent[]): Promise<void>;
  /**
   * Whether a failure is the infrastructure's (a database down, a deadlock: retried until it
   * works, the partition waits) or may be one event's (split the batch, retry that event alone
   * `maxAttempts` times, then dead-letter it). Default: every failure may be an event's.
   */
  classify?: (err: unknown) => FailureKind;
  /** Attempts of one event alone before it is dead-lettered; default 3. */
  maxAttempts?: number;
  /** Wait between attempts (ms), doubled each time up to 5 s; default 200. */
  retryDelayMs?: number;
  /** Called once an event that failed in the handler has been dead-lettered. */
  onDeadLettered?(consumed: ConsumedEvent, reason: string): Promise<void>;
  /** Called for each message dead-lettered because it failed validation. */
  onInvalid?(reason: string): void;
  /** After each batch: how far behind the partition's end the consumer still is. */
  onLag?(topic: string, partition: number, lag: number): void;
  log?: (line: string) => void;
}

/**
 * A consumer-group member that hands on a partition's messages a batch at a time (kafkajs
 * eachBatch), several partitions at once. Every message is validated first: one that fails
 * validation goes to the dead-letter topic with the reason. The valid ones are handled together;
 * if that fails for a reason that may lie in an event, each event is retried alone, and one that
 * still fails after `maxAttempts` goes to the dead-letter topic with the error in its headers —
 * the partition keeps flowing instead of restarting the consumer for ever. Offsets are resolved
 * only after their events were handled or dead-lettered.
 */
export class BatchEventConsumer {
  readonly stats: ConsumerStats & { failedInHandler: number; retries: number } = {
    applied: 0,
    deadLettered: 0,
    failedInHandler: 0,
    retries: 0,
  };
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private stopping = false;

  constructor(
    kafka: Kafka,
    private readonly options: BatchEventConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 50,
    });
    this.dlqProducer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5_000 },
    });
  }

  /** Resolves once the consumer has joined its group and been given partitions. */
  async start(): Promise<void> {
    await this.dlqProducer.connect();
    await this.consumer.connect();
    const joined = new Promise<void>((resolve) => {
      this.consumer.on(this.consumer.events.GROUP_JOIN, () => resolve());
    });
    await this.consumer.subscribe({
      topics: this.options.topics,
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const { topic, partition } = batch;
        const valid: ConsumedEvent[] = [];
        const raw = new Map<string, KafkaMessage>();
        for (const message of batch.messages) {
          const checked = parseAndValidate(message.value?.toString('utf8') ?? '');
          if (checked.ok) {
            valid.push({
              event: checked.event,
              topic,
              partition,
              offset: message.offset,
              appendedAt: Number(message.timestamp),
            });
            raw.set(message.offset, message);
          } else {
            this.options.onInvalid?.(checked.reason);
            await this.deadLetter(topic, partition, message, checked.reason);
          }
        }
        const alive = () => isRunning() && !isStale() && !this.stopping;
        if (valid.length > 0 && !(await this.handle(valid, raw, heartbeat, alive))) return;
        const last = batch.messages[batch.messages.length - 1];
        if (last) resolveOffset(last.offset);
        this.options.onLag?.(topic, partition, Number(batch.offsetLag()));
        await heartbeat();
      },
    });
    await joined;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
    await this.dlqProducer.disconnect();
  }

  /** Handles the events; false when the consumer stopped before they could be (not resolved). */
  private async handle(
    events: ConsumedEvent[],
    raw: Map<string, KafkaMessage>,
    heartbeat: () => Promise<void>,
    alive: () => boolean,
  ): Promise<boolean> {
    const classify = this.options.classify ?? (() => 'event' as const);
    const first = await this.attempt(events, classify, heartbeat, alive);
    if (first === 'done') {
      this.stats.applied += events.length;
      return true;
    }
    if (first === 'stopped') return false;
    // Something in the batch fails: find which event, one transaction each.
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (const consumed of events) {
      let lastError: unknown;
      let outcome: 'done' | 'stopped' | 'failed' = 'failed';
      for (let i = 0; i < maxAttempts && outcome === 'failed'; i++) {
        if (i > 0) await this.pause(i, heartbeat);
        outcome = await this.attempt([consumed], classify, heartbeat, alive, (err) => {
          lastError = err;
        });
      }
      if (outcome === 'stopped') return false;
      if (outcome === 'done') {
        this.stats.applied += 1;
        continue;
      }
      this.stats.failedInHandler += 1;
      const reason = `failed in the handler ${maxAttempts} times: ${describe(lastError)}`;
      await this.deadLetter(
        consumed.topic,
        consumed.partition,
        raw.get(consumed.offset) ?? {
          key: Buffer.from(consumed.event.aggregateId),
          value: Buffer.from(JSON.stringify(consumed.event)),
          offset: consumed.offset,
        },
        reason,
        consumed.event,
      );
      await this.options.onDeadLettered?.(consumed, reason);
    }
    return true;
  }

  /**
   * One try of the handler; a transient failure is retried here until it works or the consumer
   * stops, so only an event's own failure comes back as 'failed'.
   */
  private async attempt(
    events: ConsumedEvent[],
    classify: (err: unknown) => FailureKind,
    heartbeat: () => Promise<void>,
    alive: () => boolean,
    onEventError?: (err: unknown) => void,
  ): Promise<'done' | 'stopped' | 'failed'> {
    for (let round = 0; ; round++) {
      if (!alive()) return 'stopped';
      try {
        await this.options.handleBatch(events);
        return 'done';
      } catch (err) {
        this.stats.retries += 1;
        if (classify(err) === 'event') {
          onEventError?.(err);
          return 'failed';
        }
        this.options.log?.(`batch of ${events.length} failed, retrying: ${describe(err)}`);
        await this.pause(round + 1, heartbeat);
      }
    }
  }

  private async pause(round: number, heartbeat: () => Promise<void>): Promise<void> {
    const base = this.options.retryDelayMs ?? 200;
    await new Promise((r) => setTimeout(r, Math.min(5_000, base * 2 ** (round - 1))));
    await heartbeat().catch(() => undefined);
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: Pick<KafkaMessage, 'key' | 'value' | 'offset'>,
    reason: string,
    event?: EventEnvelope,
  ): Promise<void> {
    this.stats.deadLettered += 1;
    this.options.log?.(`dead-lettering ${topic}[${partition}]@${message.offset}: ${reason}`);
    await this.dlqProducer.send({
      topic: this.options.deadLetterTopic,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            'dlq-reason': reason,
            'dlq-source': `${topic}[${partition}]@${message.offset}`,
            'dlq-consumer-group': this.options.groupId,
            ...(event
              ? {
                  'dlq-event-id': event.eventId,
                  'dlq-aggregate': `${event.aggregateType}:${event.aggregateId}`,
                  'dlq-sequence': String(event.sequence),
                }
              : {}),
          },
        },
      ],
    });
  }
}

function describe(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500);
}

function parseAndValidate(raw: string) {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false as const, reason: 'not JSON' };
  }
  return validateEvent(json);
}
