import { parseEnvironment } from '@hotline/contracts';
import { type KafkaConfig, kafkaConfigFromEnv } from '@hotline/messaging';
import { z } from 'zod';
import { type ApiConfig, apiConfigFromEnv } from '../api-config';

/**
 * What the API needs beside `ApiConfig` (which api-config.ts validates and keeps as it is): how
 * long it waits for Temporal before answering 503, what it tells the client to wait, which
 * reference data it loads, where Kafka is (for readiness), and how it logs. Validated with zod
 * like every other setting; @nestjs/config then serves the whole as one `Settings` object.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** An action (workflow update) waits this long for its answer before a 503. */
  API_ACTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Starting a workflow or reading its state waits this long before a 503. */
  API_TEMPORAL_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** A connection to PostgreSQL waits this long before a 503. */
  API_DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  /** Retry-After (seconds) of a 503 while a part of the stack is down. */
  API_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** Workflow starts in flight at once from the intake starter (one gRPC connection). */
  API_INTAKE_START_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  /**
   * `deferred` (the default): intake answers once the intake row is committed and the workflow is
   * started right after. `inline`: intake also waits for the start before answering, as before —
   * kept to measure the difference in one run.
   */
  API_INTAKE_START: z.enum(['deferred', 'inline']).default('deferred'),
  /**
   * Group commit: intake calls of the same moment share one read and one write, at most this
   * many to a statement (1: every call alone, as before).
   */
  API_INTAKE_BATCH: z.coerce.number().int().min(1).max(1000).default(64),
  /** How often the starter looks for accepted orders whose workflow is not started yet. */
  API_INTAKE_SWEEP_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** The reference data set by name (`yunchuan`, the shipped district) or a directory of its files. */
  REFERENCE_DATA: z.string().min(1).default('yunchuan'),
  /** Default: info; warn under test (jest sets NODE_ENV=test), where request lines are noise. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export interface PlatformConfig {
  production: boolean;
  actionTimeoutMs: number;
  temporalCallTimeoutMs: number;
  databaseConnectTimeoutMs: number;
  retryAfterSeconds: number;
  intakeStartConcurrency: number;
  intakeStart: 'deferred' | 'inline';
  intakeSweepMs: number;
  intakeBatch: number;
  referenceData: string;
  logLevel: NonNullable<z.infer<typeof schema>['LOG_LEVEL']>;
  kafka: KafkaConfig;
}

/** The settings of one API process, as @nestjs/config serves them (`ConfigService<Settings, true>`). */
export interface Settings {
  api: ApiConfig;
  platform: PlatformConfig;
}

export function platformConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const c = parseEnvironment(schema, env);
  return {
    production: c.NODE_ENV === 'production',
    actionTimeoutMs: c.API_ACTION_TIMEOUT_MS,
    temporalCallTimeoutMs: c.API_TEMPORAL_CALL_TIMEOUT_MS,
    databaseConnectTimeoutMs: c.API_DATABASE_CONNECT_TIMEOUT_MS,
    retryAfterSeconds: c.API_RETRY_AFTER_SECONDS,
    intakeStartConcurrency: c.API_INTAKE_START_CONCURRENCY,
    intakeStart: c.API_INTAKE_START,
    intakeSweepMs: c.API_INTAKE_SWEEP_MS,
    intakeBatch: c.API_INTAKE_BATCH,
    referenceData: c.REFERENCE_DATA,
    logLevel: c.LOG_LEVEL ?? (c.NODE_ENV === 'test' ? 'warn' : 'info'),
    kafka: kafkaConfigFromEnv(env),
  };
}

/** Both halves from one environment (api-config.ts checks its own half, secrets included). */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): Settings {
  return { api: apiConfigFromEnv(env), platform: platformConfigFromEnv(env) };
}
