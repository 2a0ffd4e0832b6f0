import { apiConfigFromEnv } from '../../api/src/api-config';
import { type Role, signToken } from '../../api/src/auth/jwt';
import { createApi, type RunningApi } from '../../api/src/bootstrap';
import { TemporalCalls } from '../../api/src/infrastructure/temporal-calls';
import {
  type ApplyOutcome,
  startProjector,
  type RunningProjector,
} from '../../projector/src/bootstrap';
import { startWorker, type RunningWorker } from '../../worker/src/bootstrap';
import { type EventEnvelope } from '@hotline/contracts';
import { createKafka, deleteTopics, kafkaConfigFromEnv } from '@hotline/messaging';
import {
  createMigratedSchema,
  databaseConfigFromEnv,
  dropSchema,
  execute,
} from '@hotline/persistence';
import { connectTemporalClient, temporalConfigFromEnv } from '@hotline/temporal';
import { type Client, type Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';

/**
 * The three apps, in this process, on the real servers, isolated from a running dev stack:
 * the test database, test topics, a task queue and consumer group of this run's own.
 */
export interface TestSystem {
  api: RunningApi;
  worker: RunningWorker;
  projector: RunningProjector;
  temporal: Client;
  runId: string;
  env: NodeJS.ProcessEnv;
  /** A bearer token for a role (and unit), signed with the API's key. */
  token(role: Role, unitId?: string): string;
  /** Resolves with the outcome once the projector has handled the event with this id. */
  projected(eventId: string, timeoutMs?: number): Promise<ApplyOutcome>;
  stop(): Promise<void>;
}

export interface TestSystemOptions {
  /** false: run no worker in this process (a test runs its own, e.g. as a child process to kill). */
  inProcessWorker?: boolean;
  /**
   * true: a database schema (migrated) and Kafka topics of this run's own, removed at stop —
   * the read models start empty and nobody else's events reach them.
   */
  isolated?: boolean;
}

export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const runId = randomUUID().slice(0, 8);
  const testDatabaseUrl = process.env.TEST_DATABASE_URL;
  if (!testDatabaseUrl)
    throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl,
    KAFKA_TOPIC_PREFIX: 'hotline-test',
    TEMPORAL_TASK_QUEUE: `hotline-test-${runId}`,
    API_PORT: '0',
    // Load-driving tests send hundreds of orders through their lifecycle from one address and a
    // handful of users; the limits themselves are tested in rate-limit.middleware.unit.test.ts.
    API_RATE_LIMIT_PER_MINUTE: process.env.API_RATE_LIMIT_PER_MINUTE ?? '100000',
    API_RATE_LIMIT_PER_IP_PER_MINUTE: process.env.API_RATE_LIMIT_PER_IP_PER_MINUTE ?? '1000000',
  };
  const isolation = options.isolated ? await isolate(env, runId) : undefined;
  if (!options.isolated) await keepOrderNumbersApartFromDev(env.DATABASE_URL!);
  const seen = new Map<string, ApplyOutcome>();
  const waiters = new Map<string, (outcome: ApplyOutcome) => void>();

  const worker: RunningWorker =
    options.inProcessWorker === false
      ? { stop: async () => undefined }
      : await startWorker({
          kafka: kafkaConfigFromEnv(env),
          temporal: temporalConfigFromEnv(env),
          database: databaseConfigFromEnv(env),
        });
  const projector = await startProjector({
    kafka: kafkaConfigFromEnv(env),
    database: databaseConfigFromEnv(env),
    groupId: `hotline-test-projector-${runId}`,
    observe: (event: EventEnvelope, outcome) => {
      seen.set(event.eventId, outcome);
      waiters.get(event.eventId)?.(outcome);
    },
  });
  const api = await createApi(apiConfigFromEnv(env));
  // The tests' own client goes through TemporalCalls as the API's does: a call that failed (a
  // terminate in a test's clean-up while a proxy is cut, say) leaves a gRPC retry timer, and the
  // connection must close only once that timer has fired, not under it.
  const calls = new TemporalCalls();
  const { client, connection }: { client: Client; connection: Connection } =
    await connectTemporalClient(temporalConfigFromEnv(env), { interceptors: calls.interceptors() });

  return {
    api,
    worker,
    projector,
    temporal: client,
    runId,
    env,
    token(role, unitId) {
      const config = apiConfigFromEnv(env);
      return signToken(
        { sub: `${role}-${unitId ?? 'test'}`, role, ...(unitId ? { unitId } : {}) },
        config.authSecret,
        3600,
      );
    },
    projected(eventId, timeoutMs = 30_000) {
      seen.delete(eventId);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`event ${eventId} was not projected within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.set(eventId, (outcome) => {
          clearTimeout(timer);
          waiters.delete(eventId);
          resolve(outcome);
        });
      });
    },
    async stop() {
      // Every part is stopped even when one fails to: a step that threw used to skip the rest,
      // and a projector or worker left running (a Kafka consumer, a Temporal worker, a
      // connection pool) kept the Jest process alive after the last test.
      const failures: unknown[] = [];
      for (const step of [
        () => api.close(),
        () => projector.stop(),
        () => worker.stop(),
        () => calls.close(connection, 2000),
        async () => isolation?.remove(),
      ])
        await step().catch((err: unknown) => failures.push(err));
      if (failures.length > 0)
        throw new AggregateError(
          failures,
          `the test system did not stop cleanly (${failures.length} failure(s))`,
        );
    },
  };
}

/**
 * Order numbers are workflow ids in a Temporal namespace shared with a running dev stack, and each
 * database numbers its orders from 1: the test database counts from 5,000,000 so that a test
 * order can never take the id of a dev order (or the reverse) on the same machine.
 */
async function keepOrderNumbersApartFromDev(url: string): Promise<void> {
  const db = new PgClient({ connectionString: url });
  await db.connect();
  try {
    await db.query(
      `SELECT setval('order_number_seq', 5000000) WHERE (SELECT last_value FROM order_number_seq) < 5000000`,
    );
  } finally {
    await db.end();
  }
}

/** Points `env` at a fresh schema and topic prefix of this run; `remove` deletes both. */
async function isolate(env: NodeJS.ProcessEnv, runId: string) {
  const schema = `e2e_${runId}`;
  const base = databaseConfigFromEnv(env);
  env.DATABASE_URL = (await createMigratedSchema(base, schema)).url;
  // Workflow ids (order numbers) are shared by the whole Temporal namespace: start this schema's
  // numbers somewhere no other run is likely to be.
  const start = 5_000_000 + Math.floor(Math.random() * 4_900_000);
  await execute(env.DATABASE_URL, `ALTER SEQUENCE order_number_seq RESTART WITH ${start}`);
  env.KAFKA_TOPIC_PREFIX = `hotline-test-${runId}`;
  return {
    async remove() {
      if (process.env.E2E_KEEP_ISOLATED) return; // for a post-mortem: psql, kafka-console-consumer
      const kafka = kafkaConfigFromEnv(env);
      await deleteTopics(createKafka(kafka), kafka);
      await dropSchema(base.url, schema);
    },
  };
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
