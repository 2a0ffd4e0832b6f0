import {
  createKafka,
  ensureTopics,
  type KafkaConfig,
  KafkaEventPublisher,
} from '@hotline/messaging';
import { type TemporalConfig } from '@hotline/temporal';
import { Logger } from '@nestjs/common';
import { sampleAdmissionList, sampleReferenceData } from '@hotline/domain';
import { createAdmissionActivities } from './activities/admission-activities';
import { createEventActivities } from './activities/event-activities';
import { createOrderActivities } from './activities/order-activities';
import { createWhistleActivities } from './activities/whistle-activities';
import { TemporalWorker } from './worker.service';

export interface WorkerConfig {
  kafka: KafkaConfig;
  temporal: TemporalConfig;
}

export interface RunningWorker {
  stop(): Promise<void>;
}

/** Wires Kafka and Temporal together and starts the worker; `main.ts` and the tests call it. */
export async function startWorker(config: WorkerConfig): Promise<RunningWorker> {
  const logger = new Logger('worker');
  const kafka = createKafka(config.kafka, (line) => logger.warn(line));
  await ensureTopics(kafka, config.kafka);
  const publisher = new KafkaEventPublisher(kafka, config.kafka);
  const events = createEventActivities(publisher);
  const activities = {
    ...createOrderActivities(sampleReferenceData(), events),
    ...createWhistleActivities(sampleReferenceData(), events),
    ...createAdmissionActivities(sampleReferenceData(), sampleAdmissionList, events),
  };
  const worker = await TemporalWorker.start(config.temporal, activities);
  logger.log(
    `worker ready on task queue "${config.temporal.taskQueue}" (${config.temporal.address})`,
  );
  return {
    async stop() {
      await worker.stop();
      await publisher.close();
    },
  };
}
