import { type EventEnvelope, eventTopics } from '@hotline/contracts';
import {
  createKafka,
  ensureTopics,
  EventConsumer,
  type ConsumerStats,
  type KafkaConfig,
} from '@hotline/messaging';
import { createDataSource, type DatabaseConfig } from '@hotline/persistence';
import { Logger } from '@nestjs/common';
import { type ApplyOutcome, OrderViewProjection } from './projections/order-view.projection';

export interface ProjectorConfig {
  kafka: KafkaConfig;
  database: DatabaseConfig;
  groupId: string;
  /** Called after each event with what it did (for tests and metrics). */
  observe?: (event: EventEnvelope, outcome: ApplyOutcome) => void;
}

export interface RunningProjector {
  readonly stats: ConsumerStats;
  stop(): Promise<void>;
}

/** Consumes the event topics into the read models, one PostgreSQL transaction per event. */
export async function startProjector(config: ProjectorConfig): Promise<RunningProjector> {
  const logger = new Logger('projector');
  const kafka = createKafka(config.kafka, (line) => logger.warn(line));
  await ensureTopics(kafka, config.kafka);
  const dataSource = await createDataSource(config.database, 'hotline-projector').initialize();
  const orderView = new OrderViewProjection();
  const topics = eventTopics(config.kafka.topicPrefix);

  const consumer = new EventConsumer(kafka, {
    groupId: config.groupId,
    topics: [topics.orderEvents, topics.whistleEvents],
    deadLetterTopic: topics.deadLetter,
    fromBeginning: true,
    log: (line) => logger.warn(line),
    handle: async ({ event }) => {
      const outcome = await dataSource.transaction((em) => orderView.apply(event, em));
      if (outcome === 'duplicate')
        logger.log(`skipped redelivered ${event.type} ${event.aggregateId}#${event.sequence}`);
      config.observe?.(event, outcome);
    },
  });
  await consumer.start();
  logger.log(
    `projector ready: group "${config.groupId}" on ${topics.orderEvents}, ${topics.whistleEvents}`,
  );
  return {
    stats: consumer.stats,
    async stop() {
      await consumer.stop();
      await dataSource.destroy();
    },
  };
}
