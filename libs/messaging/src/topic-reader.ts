import { type Consumer, type Kafka } from 'kafkajs';

/** Offsets per topic and partition (decimal strings, as Kafka gives them). */
export type TopicOffsets = Record<string, Record<number, string>>;

export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/**
 * Reads topics from their beginning, in batches, outside any real consumer group (a throwaway
 * group that is deleted at the end): what a rebuild and the benchmark's raw read need. It knows
 * how far it got per partition, so a caller can wait until it reached offsets taken earlier.
 */
export class TopicReader {
  private readonly consumer: Consumer;
  private positions: TopicOffsets = {};
  private lows: TopicOffsets = {};
  private frozen = false;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;
  /** When the first batch arrived (ms since epoch): reading speed is measured from here. */
  firstBatchAt?: number;

  /**
   * `concurrency`: batches of different partitions handled at once (one per partition at a
   * time, in offset order within it): while one waits on its database, the next is parsed.
   */
  constructor(
    private readonly kafka: Kafka,
    private readonly topics: readonly string[],
    private readonly groupId: string,
    private readonly concurrency = 1,
  ) {
    this.consumer = kafka.consumer({
      groupId,
      maxBytesPerPartition: 8 * 1024 * 1024,
      maxBytes: 32 * 1024 * 1024,
      maxWaitTimeInMs: 100,
    });
  }

  /** The next offset to be written on every partition (the high watermarks). */
  async endOffsets(): Promise<TopicOffsets> {
    return this.offsets('high');
  }

  /** Messages between the beginning of the topics and these offsets. */
  count(until: TopicOffsets): number {
    return sum(until, this.lows);
  }

  /** Messages read and handled so far. */
  get read(): number {
    return sum(this.positions, this.lows);
  }

  /** Starts reading from the beginning; `onBatch` is awaited before the next batch is fetched. */
  async start(onBatch: (messages: RawMessage[]) => Promise<void>): Promise<void> {
    this.lows = await this.offsets('low');
    this.positions = structuredClone(this.lows);
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.concurrency,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        if (this.frozen || batch.messages.length === 0) return;
        this.firstBatchAt ??= Date.now();
        const run = onBatch(
          batch.messages.map((m) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key,
            value: m.value,
            headers: Object.fromEntries(
              Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v ?? '')]),
            ),
          })),
        );
        const settled = run.then(
          () => undefined,
          () => undefined,
        );
        this.inFlight.add(settled);
        void settled.then(() => this.inFlight.delete(settled));
        try {
          await run;
        } catch (err) {
          this.failure = err;
          this.frozen = true;
          return;
        }
        const last = batch.messages[batch.messages.length - 1]!.offset;
        resolveOffset(last);
        (this.positions[batch.topic] ??= {})[batch.partition] = String(BigInt(last) + 1n);
        await heartbeat();
      },
    });
  }

  /** Resolves once every partition has been read up to `target`; reports progress meanwhile. */
  async reach(target: TopicOffsets, onProgress?: (read: number) => void): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      onProgress?.(this.read);
      if (reached(this.positions, target)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Stops handing out batches and waits for those being handled. */
  async freeze(): Promise<void> {
    this.frozen = true;
    this.consumer.pause(this.topics.map((topic) => ({ topic })));
    await Promise.all([...this.inFlight]);
  }

  async stop(): Promise<void> {
    this.frozen = true;
    await Promise.all([...this.inFlight]);
    await this.consumer.disconnect();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.deleteGroups([this.groupId]);
    } catch {
      // A group that never committed has nothing to delete.
    } finally {
      await admin.disconnect();
    }
  }

  private async offsets(which: 'high' | 'low'): Promise<TopicOffsets> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const result: TopicOffsets = {};
      for (const topic of this.topics) {
        result[topic] = {};
        for (const p of await fetchOffsetsSettled(admin, topic))
          result[topic][p.partition] = p[which];
      }
      return result;
    } finally {
      await admin.disconnect();
    }
  }
}

/**
 * A topic's offsets, waiting out a leader election: right after a topic is created (or a broker
 * restarts) the broker may answer "not the leader" or "leader not available" for a moment —
 * errors Kafka marks retriable. Anything else, or one that lasts past ~10 s, is thrown.
 */
async function fetchOffsetsSettled(admin: ReturnType<Kafka['admin']>, topic: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (err) {
      const retriable = (err as { retriable?: boolean }).retriable === true;
      if (!retriable || attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

function reached(positions: TopicOffsets, target: TopicOffsets): boolean {
  return Object.entries(target).every(([topic, partitions]) =>
    Object.entries(partitions).every(
      ([p, offset]) => BigInt(positions[topic]?.[Number(p)] ?? '0') >= BigInt(offset),
    ),
  );
}

function sum(upper: TopicOffsets, lower: TopicOffsets): number {
  let n = 0n;
  for (const [topic, partitions] of Object.entries(upper)) {
    for (const [p, offset] of Object.entries(partitions)) {
      const diff = BigInt(offset) - BigInt(lower[topic]?.[Number(p)] ?? '0');
      if (diff > 0n) n += diff;
    }
  }
  return Number(n);
}
