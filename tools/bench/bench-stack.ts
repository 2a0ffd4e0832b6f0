import { eventTopics } from '@hotline/contracts';
import {
  createKafka,
  deleteTopics,
  type KafkaConfig,
  kafkaConfigFromEnv,
} from '@hotline/messaging';
import {
  createMigratedSchema,
  databaseConfigFromEnv,
  type DatabaseConfig,
  dropSchema,
} from '@hotline/persistence';
import {
  connectTemporalClient,
  type TemporalConfig,
  temporalConfigFromEnv,
} from '@hotline/temporal';
import { NativeConnection, Worker } from '@temporalio/worker';
import { type Client } from '@temporalio/client';
import path from 'node:path';
import { startProjector, type RunningProjector } from '../../apps/projector/src/bootstrap';
import { startWorker, type RunningWorker, workflowBundleOptions } from '@hotline/worker';
import { type BareActivities } from './bare-workflow';

/**
 * The real stack for one benchmark run, on the shared servers but apart from everyone: a
 * database schema, topics and task queues of the run's own, removed at the end.
 */
export interface BenchStack {
  runId: string;
  kafka: KafkaConfig;
  database: DatabaseConfig;
  temporal: TemporalConfig;
  bareTaskQueue: string;
  client: Client;
  worker: RunningWorker;
  projector: RunningProjector;
  stopBare(): Promise<void>;
  stop(keep: boolean): Promise<void>;
}

export async function startBenchStack(
  /** Per applied event: ms from the event's time, and from its Kafka append, to its commit. */
  onApplied: (lagMs: number, fromKafkaMs: number) => void,
  log: (line: string) => void,
): Promise<BenchStack> {
  const runId = `b${Date.now().toString(36)}`;
  const kafka = { ...kafkaConfigFromEnv(), topicPrefix: `hotline-bench-${runId}` };
  const base = databaseConfigFromEnv();
  const schema = `bench_${runId}`;
  log(`schema ${schema}, topics ${eventTopics(kafka.topicPrefix).orderEvents} …`);
  const database = await createMigratedSchema({ ...base, poolSize: 20 }, schema);
  const temporal = { ...temporalConfigFromEnv(), taskQueue: `hotline-bench-${runId}` };
  const bareTaskQueue = `hotline-bench-bare-${runId}`;

  log('starting the order worker (bundles the workflows) …');
  const worker = await startWorker({ kafka, temporal });
  log('starting the bare-workflow worker …');
  const bare = await startBareWorker(temporal, bareTaskQueue);
  const projector = await startProjector({
    kafka,
    database,
    groupId: `hotline-bench-projector-${runId}`,
    logEveryMs: 0,
    observe: (event, outcome, t) => {
      if (outcome === 'applied') {
        onApplied(t.committedAt - Date.parse(event.occurredAt), t.committedAt - t.appendedAt);
      }
    },
  });
  const { client, connection } = await connectTemporalClient(temporal);
  return {
    runId,
    kafka,
    database,
    temporal,
    bareTaskQueue,
    client,
    worker,
    projector,
    stopBare: bare.stop,
    async stop(keep) {
      await projector.stop();
      await worker.stop();
      await bare.stop();
      await connection.close();
      if (keep) return;
      await deleteTopics(createKafka(kafka), kafka);
      await dropSchema(base.url, schema);
    },
  };
}

async function startBareWorker(config: TemporalConfig, taskQueue: string) {
  const noop = async () => undefined;
  const activities: BareActivities = {
    orderPolicy: noop,
    routeOrder: noop,
    orderDeadlines: noop,
    publishEvents: noop,
  };
  const connection = await NativeConnection.connect({ address: config.address });
  const worker = await Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue,
    activities,
    workflowsPath: path.join(__dirname, 'bare-workflow.ts'),
    bundlerOptions: workflowBundleOptions.bundlerOptions,
  });
  const running = worker.run();
  let stopped = false;
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
