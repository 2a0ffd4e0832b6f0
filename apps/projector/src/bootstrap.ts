import { type EventEnvelope, eventTopics } from '@hotline/contracts';
import { type ReferenceData, sampleReferenceData } from '@hotline/domain';
import {
  BatchEventConsumer,
  type ConsumerStats,
  createKafka,
  ensureTopics,
  type KafkaConfig,
  KafkaEventPublisher,
} from '@hotline/messaging';
import { createDataSource, type DatabaseConfig } from '@hotline/persistence';
import { Logger } from '@nestjs/common';
import { type Server } from 'node:http';
import { allProjections } from './projections';
import { HotspotOutboxRelay } from './projections/hotspots/hotspot-outbox-relay';
import { classifyFailure } from './runner/failures';
import { serveMetrics } from './runner/metrics-server';
import {
  type ApplyOutcome,
  ProjectionRunner,
  recordDeadLetter,
  type RunnerResult,
} from './runner/projection-runner';
import { ProjectorMetrics } from './runner/projector-metrics';
import { inTransaction } from './runner/transaction';

export type { ApplyOutcome } from './runner/projection-runner';

export interface ProjectorConfig {
  kafka: KafkaConfig;
  database: DatabaseConfig;
  groupId: string;
  referenceData?: ReferenceData;
  /** Called after each event's transaction committed, with what it did (tests, benchmark). */
  observe?: (event: EventEnvelope, outcome: ApplyOutcome, timing: EventTiming) => void;
  /** How often the progress line is logged (ms); 0 turns it off. */
  logEveryMs?: number;
  /** Partitions projected at the same time, each in its own transactions; default: all of them. */
  concurrency?: number;
  /** Attempts of an event that fails in a projection before it is dead-lettered; default 3. */
  maxAttempts?: number;
  /** Serve Prometheus metrics at GET /metrics on this port (loopback); default: none. */
  metricsPort?: number;
}

export interface EventTiming {
  /** When Kafka appended the event (ms since epoch). */
  appendedAt: number;
  /** When its transaction committed (ms since epoch). */
  committedAt: number;
}

export interface RunningProjector {
  /** The names of the projections it applies, in order. */
  readonly projections: readonly string[];
  readonly stats: ConsumerStats & { failedInHandler: number; retries: number };
  readonly metrics: ProjectorMetrics;
  readonly outbox: HotspotOutboxRelay;
  stop(): Promise<void>;
}

/**
 * Consumes the event topics into the read models: one consumer group, its partitions projected
 * concurrently, each partition's batch applied to every projection in one PostgreSQL transaction
 * (positions included). Invalid events are dead-lettered by the consumer; an event that keeps
 * failing in a projection is dead-lettered after `maxAttempts` with the error in its headers and
 * recorded in `projection_anomaly` — the partition keeps flowing, and the next event of its
 * aggregate shows the gap. Also publishes the HotspotDetected events it derived.
 */
export async function startProjector(config: ProjectorConfig): Promise<RunningProjector> {
  const logger = new Logger('projector');
  const kafka = createKafka(config.kafka, (line) => logger.warn(line));
  await ensureTopics(kafka, config.kafka);
  const db = await createDataSource(config.database, 'hotline-projector').initialize();
  const runner = new ProjectionRunner(
    allProjections(config.referenceData ?? sampleReferenceData()),
  );
  const metrics = new ProjectorMetrics();
  const topics = eventTopics(config.kafka.topicPrefix);
  const publisher = new KafkaEventPublisher(kafka, config.kafka);
  const outbox = new HotspotOutboxRelay(db, publisher, (line) => logger.warn(line));

  const report = (event: EventEnvelope, result: RunnerResult) => {
    const [gap] = result.gaps;
    if (gap) {
      logger.warn(
        `sequence gap for ${event.aggregateType} ${event.aggregateId}: expected #${gap.expected}, ` +
          `got #${event.sequence} (${event.type}) in ${result.gaps.map((g) => g.projection).join(', ')}; ` +
          `applied, gap recorded in projection_gap`,
      );
    }
    if (result.reset) {
      logger.warn(
        `sequence #${event.sequence} of ${event.aggregateType} ${event.aggregateId} came again as ` +
          `another event (${event.type} ${event.eventId}, first seen as ${result.reset.knownEventId}): ` +
          `a workflow reset? ${result.outcome === 'applied' ? 'applied where not yet reached' : 'not applied'}; ` +
          `recorded in projection_anomaly`,
      );
    }
  };

  const consumer = new BatchEventConsumer(kafka, {
    groupId: config.groupId,
    topics: [topics.orderEvents, topics.whistleEvents, topics.governanceEvents],
    deadLetterTopic: topics.deadLetter,
    fromBeginning: true,
    partitionsConsumedConcurrently: config.concurrency ?? config.kafka.partitions,
    maxAttempts: config.maxAttempts ?? 3,
    classify: classifyFailure,
    log: (line) => logger.warn(line),
    handleBatch: async (consumed) => {
      const events = consumed.map((c) => c.event);
      const results = await inTransaction(db, (sql) => runner.applyBatch(events, sql));
      const committedAt = Date.now();
      metrics.batch(events.length);
      consumed.forEach(({ event, appendedAt }, i) => {
        const result = results[i]!;
        metrics.record(result, committedAt - Date.parse(event.occurredAt));
        report(event, result);
        config.observe?.(event, result.outcome, { appendedAt, committedAt });
      });
    },
    onDeadLettered: async ({ event, topic, partition, offset }, reason) => {
      metrics.deadLetters.inc({ reason: 'failed_in_projection' });
      await inTransaction(db, (sql) =>
        recordDeadLetter(sql, event, `${topic}[${partition}]@${offset}`, reason),
      );
    },
    onInvalid: () => metrics.deadLetters.inc({ reason: 'invalid' }),
    onLag: (topic, partition, lag) => metrics.lag(topic, partition, lag),
  });
  const server: Server | undefined =
    config.metricsPort !== undefined
      ? await serveMetrics(metrics.registry, config.metricsPort)
      : undefined;
  await consumer.start();
  outbox.start();
  const every = config.logEveryMs ?? 30_000;
  const ticker =
    every > 0
      ? setInterval(() => {
          const line = metrics.line(consumer.stats.deadLettered);
          if (line) logger.log(line);
        }, every)
      : undefined;
  ticker?.unref();
  logger.log(
    `projector ready: group "${config.groupId}" on ${topics.orderEvents}, ${topics.whistleEvents}`,
  );
  return {
    projections: runner.projections.map((p) => p.name),
    stats: consumer.stats,
    metrics,
    outbox,
    async stop() {
      clearInterval(ticker);
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
      await consumer.stop();
      await outbox.stop();
      await publisher.close();
      await db.destroy();
    },
  };
}
