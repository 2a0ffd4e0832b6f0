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
  execute,
} from '@hotline/persistence';
import {
  connectTemporalClient,
  type TemporalConfig,
  temporalConfigFromEnv,
} from '@hotline/temporal';
import { NativeConnection, Worker } from '@temporalio/worker';
import { type Client } from '@temporalio/client';
import path from 'node:path';
import { apiConfigFromEnv } from '../../apps/api/src/api-config';
import { createApi, type RunningApi } from '../../apps/api/src/bootstrap';
import { startProjector, type RunningProjector } from '../../apps/projector/src/bootstrap';
import {
  startWorker,
  type RunningWorker,
  workerTuning,
  workflowBundleOptions,
} from '@hotline/worker';
import { type BareActivities } from './bare-workflow';
import { ensureNamespace, terminateRun } from './temporal-server';

/** The Temporal namespace of the benchmark: never the one operators look at. */
export const BENCH_NAMESPACE = 'hotline-bench';

/**
 * The real stack for one benchmark run, on the shared servers but apart from everyone: a
 * database schema, topics and task queues of the run's own, in a Temporal namespace of the
 * benchmark's own; what it started is terminated and removed at the end.
 */
export interface BenchStack {
  runId: string;
  kafka: KafkaConfig;
  database: DatabaseConfig;
  temporal: TemporalConfig;
  /** Task queue of the yardsticks (bare and minimal workflows). */
  bareTaskQueue: string;
  client: Client;
  worker: RunningWorker;
  projector: RunningProjector;
  /** The API in the bench's process (none when the bench runs it in a process of its own). */
  api?: RunningApi;
  /** The in-process API's base URL (listening on a free port of its own). */
  apiUrl?: string;
  apiEnv: NodeJS.ProcessEnv;
  stopBare(): Promise<void>;
  stop(keep: boolean): Promise<void>;
}

export async function startBenchStack(
  /** Per applied event: ms from the event's time, and from its Kafka append, to its commit. */
  onApplied: (lagMs: number, fromKafkaMs: number, eventType: string, aggregateId: string) => void,
  log: (line: string) => void,
  options: {
    temporalAddress?: string;
    apiRateLimitPerMinute?: number;
    inProcessApi?: boolean;
  } = {},
): Promise<BenchStack> {
  const runId = `b${Date.now().toString(36)}`;
  const kafka = { ...kafkaConfigFromEnv(), topicPrefix: `hotline-bench-${runId}` };
  const base = databaseConfigFromEnv();
  const schema = `bench_${runId}`;
  log(`schema ${schema}, topics ${eventTopics(kafka.topicPrefix).orderEvents} …`);
  const database = await createMigratedSchema({ ...base, poolSize: 20 }, schema);
  // Order numbers are the workflow ids of the whole bench namespace, where every earlier run's
  // orders stay (terminated): a schema counting from 1 again had each intake start refused as
  // "already started" — no workflow ran, the start's cost was an error's. Start elsewhere, as the
  // e2e and fuzz schemas do.
  const start = 1_000_000 + Math.floor(Math.random() * 3_900_000);
  await execute(database.url, `ALTER SEQUENCE order_number_seq RESTART WITH ${start}`);
  const temporal = {
    ...temporalConfigFromEnv(),
    ...(options.temporalAddress ? { address: options.temporalAddress } : {}),
    namespace: BENCH_NAMESPACE,
    taskQueue: `hotline-bench-${runId}`,
  };
  log(`namespace ${temporal.namespace} on ${temporal.address} …`);
  await ensureNamespace(temporal.address, temporal.namespace);
  const bareTaskQueue = `hotline-bench-bare-${runId}`;

  log('starting the order worker …');
  const worker = await startWorker({ kafka, temporal });
  log('starting the yardstick worker (bare and minimal workflows) …');
  const bare = await startBareWorker(temporal, bareTaskQueue);
  const projector = await startProjector({
    kafka,
    database,
    groupId: `hotline-bench-projector-${runId}`,
    logEveryMs: 0,
    observe: (event, outcome, t) => {
      if (outcome === 'applied') {
        onApplied(
          t.committedAt - Date.parse(event.occurredAt),
          t.committedAt - t.appendedAt,
          event.type,
          event.aggregateId,
        );
      }
    },
  });
  const apiEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE: temporal.taskQueue,
    KAFKA_TOPIC_PREFIX: kafka.topicPrefix,
    API_PORT: '0',
    API_RATE_LIMIT_PER_MINUTE: String(options.apiRateLimitPerMinute ?? 600),
  };
  const api =
    options.inProcessApi === false ? undefined : await createApi(apiConfigFromEnv(apiEnv));
  await api?.app.listen(0, '127.0.0.1');
  const address = api?.app.getHttpServer().address() as { port: number } | undefined;
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
    api,
    ...(address ? { apiUrl: `http://127.0.0.1:${address.port}` } : {}),
    apiEnv,
    stopBare: bare.stop,
    async stop(keep) {
      terminateRun(temporal.address, temporal.namespace, [
        temporal.taskQueue,
        `${temporal.taskQueue}-open`,
        bareTaskQueue,
      ]);
      await api?.close();
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
    ...workerTuning(),
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
