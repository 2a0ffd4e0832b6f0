import { eventTopics, type EventEnvelope, validateEvent } from '@hotline/contracts';
import { sampleReferenceData } from '@hotline/domain';
import { createKafka, type KafkaConfig, TopicReader } from '@hotline/messaging';
import {
  createDataSource,
  createMigratedSchema,
  type DatabaseConfig,
  dropSchema,
} from '@hotline/persistence';
import { allProjections } from '../../apps/projector/src/projections';
import { ProjectionRunner } from '../../apps/projector/src/runner/projection-runner';
import { inTransaction } from '../../apps/projector/src/runner/transaction';

export interface ProjectorModeResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/**
 * The projector lever alone, before and after, on the same events: every event of the run's
 * topics applied from the beginning into a fresh schema, (a) one transaction per event as the
 * projector did before, (b) one transaction per fetched batch with rows read once and written
 * once. Same runner, same projections, same machine, one after the other.
 */
export async function projectorModes(
  kafka: KafkaConfig,
  base: DatabaseConfig,
  log: (line: string) => void,
): Promise<{ perEvent: ProjectorModeResult; perBatch: ProjectorModeResult; speedup: number }> {
  const run = async (mode: 'per-event' | 'per-batch'): Promise<ProjectorModeResult> => {
    const schema = `bench_pm_${mode.replace('-', '_')}_${Date.now().toString(36)}`;
    const database = await createMigratedSchema(base, schema);
    const db = await createDataSource(database, 'hotline-bench').initialize();
    const runner = new ProjectionRunner(allProjections(sampleReferenceData()));
    const topics = eventTopics(kafka.topicPrefix);
    const reader = new TopicReader(
      createKafka(kafka),
      [topics.orderEvents, topics.whistleEvents],
      `hotline-bench-pm-${mode}-${Date.now().toString(36)}`,
    );
    let events = 0;
    try {
      const target = await reader.endOffsets();
      await reader.start(async (batch) => {
        const valid: EventEnvelope[] = [];
        for (const m of batch) {
          const checked = validateEvent(JSON.parse(m.value?.toString('utf8') ?? 'null'));
          if (checked.ok) valid.push(checked.event);
        }
        if (mode === 'per-event') {
          for (const e of valid) await inTransaction(db, (sql) => runner.apply(e, sql));
        } else {
          await inTransaction(db, (sql) => runner.applyBatch(valid, sql));
        }
        events += valid.length;
      });
      await reader.reach(target);
      const seconds = (Date.now() - (reader.firstBatchAt ?? Date.now())) / 1000;
      log(`  ${mode}: ${events} events in ${seconds.toFixed(1)} s`);
      return { events, seconds, eventsPerSecond: events / Math.max(seconds, 0.001) };
    } finally {
      await reader.stop();
      await db.destroy();
      await dropSchema(base.url, schema);
    }
  };
  const perEvent = await run('per-event');
  const perBatch = await run('per-batch');
  return { perEvent, perBatch, speedup: perBatch.eventsPerSecond / perEvent.eventsPerSecond };
}
