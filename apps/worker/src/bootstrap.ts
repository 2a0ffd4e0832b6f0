import {
  createKafka,
  type KafkaConfig,
  KafkaEventPublisher,
  PRODUCER_RETRY,
} from '@hotline/messaging';
import { type TemporalConfig } from '@hotline/temporal';
import { Logger } from '@nestjs/common';
import {
  loadCityReferenceData,
  loadReferenceData,
  sampleAdmissionList,
  sampleDeputyStations,
  sampleEnforcementPowers,
} from '@hotline/domain';
import { createAdmissionActivities } from './activities/admission-activities';
import { createDeputyActivities } from './activities/deputy-activities';
import { createEventActivities } from './activities/event-activities';
import { createOrderActivities } from './activities/order-activities';
import { createWhistleActivities } from './activities/whistle-activities';
import {
  createProactiveTaskActivities,
  postgresGovernanceReadModels,
} from './activities/proactive-task-activities';
import { type DatabaseConfig, databaseConfigFromEnv } from '@hotline/persistence';
import { TemporalWorker } from './worker.service';

export interface WorkerConfig {
  kafka: KafkaConfig;
  temporal: TemporalConfig;
  /** Which reference data set the lookups answer from (libs/domain `loadReferenceData`). */
  referenceData?: string;
  /** The read models the proactive tasks count complaints from; DATABASE_URL by default. */
  database?: DatabaseConfig;
}

export interface RunningWorker {
  stop(): Promise<void>;
}

/**
 * Wires Kafka and Temporal together and starts the worker; `main.ts` and the tests call it.
 * Kafka is not needed to start: the publisher connects (and creates the topics) on the first
 * publish and again after any failure, so the worker polls Temporal while Kafka is down and the
 * publishing activities fail and are retried by Temporal until it is back.
 */
export async function startWorker(config: WorkerConfig): Promise<RunningWorker> {
  const logger = new Logger('worker');
  // Bounded: with Kafka down a publishing activity fails within its timeout and Temporal retries it.
  const kafka = createKafka(config.kafka, (line) => logger.warn(line), { retry: PRODUCER_RETRY });
  const publisher = new KafkaEventPublisher(kafka, config.kafka, {
    ensureTopics: true,
    source: `worker ${config.temporal.taskQueue}`,
    log: (line) => logger.warn(line),
  });
  const events = createEventActivities(publisher, (line) => logger.error(line));
  const name = config.referenceData ?? 'sample-district';
  const ref = loadReferenceData(name);
  // The whole city of the loaded set: three-level dispatch and whistles of every district.
  const city = loadCityReferenceData(name);
  const readModels = postgresGovernanceReadModels((config.database ?? databaseConfigFromEnv()).url);
  const activities = {
    ...createOrderActivities(ref, events, { ref: city, powers: sampleEnforcementPowers() }),
    ...createWhistleActivities(ref, events, city),
    ...createAdmissionActivities(ref, sampleAdmissionList, events),
    ...createDeputyActivities(ref, sampleDeputyStations, events),
    ...createProactiveTaskActivities(ref, sampleAdmissionList, readModels, events),
  };
  const worker = await TemporalWorker.start(config.temporal, activities);
  logger.log(
    `worker ready on task queue "${config.temporal.taskQueue}" (${config.temporal.address})`,
  );
  return {
    async stop() {
      await worker.stop();
      await publisher.close();
      await readModels.close();
    },
  };
}
