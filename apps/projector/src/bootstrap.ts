import { type EventEnvelope, eventTopics } from '@hotline/contracts';
import { type ReferenceData, sampleReferenceData } from '@hotline/domain';
import {
  createKafka,
  ensureTopics,
  EventConsumer,
  type ConsumerStats,
  type KafkaConfig,
  KafkaEventPublisher,
} from '@hotline/messaging';
import { createDataSource, type DatabaseConfig } from '@hotline/persistence';
import { Logger } from '@nestjs/common';
import { allProjections } from './projections';
import { HotspotOutboxRelay } from './projections/hotspots/hotspot-outbox-relay';
import { type ApplyOutcome, ProjectionRunner } from './runner/projection-runner';
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
  readonly stats: ConsumerStats;
  readonly metrics: ProjectorMetrics;
  readonly outbox: HotspotOutboxRelay;
  stop(): Promise<void>;
}

/**
 * Consumes the event topics into the read models: one consumer group, each event applied to
 * every projection in one PostgreSQL transaction (positions included), invalid events
 * dead-lettered by the consumer. Also publishes the HotspotDetected events it derived.
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

  const consumer = new EventConsumer(kafka, {
    groupId: config.groupId,
    topics: [topics.orderEvents, topics.whistleEvents, topics.governanceEvents],
    deadLetterTopic: topics.deadLetter,
    fromBeginning: true,
    log: (line) => logger.warn(line),
    handle: async ({ event, appendedAt }) => {
      const result = await inTransaction(db, (sql) => runner.apply(event, sql));
      const committedAt = Date.now();
      metrics.record(result, committedAt - Date.parse(event.occurredAt));
      const [gap] = result.gaps;
      if (gap) {
        logger.warn(
          `sequence gap for ${event.aggregateType} ${event.aggregateId}: expected #${gap.expected}, ` +
            `got #${event.sequence} (${event.type}) in ${result.gaps.map((g) => g.projection).join(', ')}; ` +
            `applied, gap recorded in projection_gap`,
        );
      }
      config.observe?.(event, result.outcome, { appendedAt, committedAt });
    },
  });
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
      await consumer.stop();
      await outbox.stop();
      await publisher.close();
      await db.destroy();
    },
  };
}
