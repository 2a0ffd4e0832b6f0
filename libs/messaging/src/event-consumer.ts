import { type EventEnvelope, validateEvent } from '@hotline/contracts';
import { type Consumer, type Kafka, Partitioners, type Producer } from 'kafkajs';

export interface ConsumedEvent {
  event: EventEnvelope;
  topic: string;
  partition: number;
  offset: string;
  /** When the broker appended the message (ms since epoch). */
  appendedAt: number;
}

export interface EventConsumerOptions {
  groupId: string;
  topics: string[];
  deadLetterTopic: string;
  fromBeginning?: boolean;
  /** Applies one event; must be idempotent. Throwing means "retry later" (the partition waits). */
  handle(consumed: ConsumedEvent): Promise<void>;
  log?: (line: string) => void;
}

export interface ConsumerStats {
  applied: number;
  deadLettered: number;
}

/**
 * A consumer-group member that validates every message before handing it on. A message that
 * fails validation goes to the dead-letter topic with the reason and is counted: it never crashes
 * the consumer or blocks its partition. Offsets are committed only after the handler succeeded.
 */
export class EventConsumer {
  readonly stats: ConsumerStats = { applied: 0, deadLettered: 0 };
  private consumer: Consumer;
  private dlqProducer: Producer;

  constructor(
    kafka: Kafka,
    private readonly options: EventConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
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
    const log = this.options.log ?? (() => {});
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
      eachMessage: async ({ topic, partition, message }) => {
        const raw = message.value?.toString('utf8') ?? '';
        const validation = parseAndValidate(raw);
        if (!validation.ok) {
          this.stats.deadLettered += 1;
          log(`dead-lettering ${topic}[${partition}]@${message.offset}: ${validation.reason}`);
          await this.dlqProducer.send({
            topic: this.options.deadLetterTopic,
            messages: [
              {
                key: message.key,
                value: message.value,
                headers: {
                  'dlq-reason': validation.reason,
                  'dlq-source': `${topic}[${partition}]@${message.offset}`,
                  'dlq-consumer-group': this.options.groupId,
                },
              },
            ],
          });
          return;
        }
        await this.options.handle({
          event: validation.event,
          topic,
          partition,
          offset: message.offset,
          appendedAt: Number(message.timestamp),
        });
        this.stats.applied += 1;
      },
    });
    await joined;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.dlqProducer.disconnect();
  }
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
