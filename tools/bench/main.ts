// npm run bench [-- --orders 200 --concurrency 20 --intake-steps 5,10,20,40,80 --intake-seconds 5
//                   --load-rate 50 --load-seconds 10 --open 0 --server shared|default|tuned --keep]
// npm run bench -- --orders 100 --rebuild-copies 30 --skip intake,load,publisher,projector-lever [--rebuild-profile]
//   (the rebuild against the raw read on the lifecycles' events and 30 copies of them;
//    --rebuild-concurrency N: partitions the rebuild applies at once)
// npm run bench -- --levers [--lever-orders 30 --lever-list default,wal,sa-cache,eager,tuned]
//   (the dev server's settings, one at a time, each on a server of the run's own)
// npm run bench -- --open 100000 --open-minutes 40 --open-concurrency 64 --orders 50 --skip intake,lifecycles,load,rebuild,publisher
//   (100,000 open orders, or as many as open in --open-minutes; HOTLINE_TEMPORAL_TUNED=1 for the tuned dev server)
//
// Drives the real stack (Temporal, Kafka, PostgreSQL) in a Temporal namespace, schema and
// topics of the run's own: intake over HTTP at rising concurrency, whole lifecycles against two
// yardsticks (same-shape no-op workflow, minimal 4-update workflow), event-to-read-model lag at
// a fixed offered load, the rebuild against a raw kafkajs read, and orders held open. Writes
// .data/bench/latest.json and latest.md and prints a one-line summary; asserts nothing about time.
import 'reflect-metadata';
import { sampleReferenceData } from '@hotline/domain';
import { databaseConfigFromEnv } from '@hotline/persistence';
import type { OrderWorkflowInput } from '@hotline/workflows';
import { signToken } from '../../apps/api/src/auth/jwt';
import { type ApiProcess, databaseStarterProbe, startApiProcess } from './api-process';
import { ProgressBar } from '../../apps/projector/src/rebuild/progress-bar';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild';
import { Sql } from '../../apps/projector/src/runner/sql';
import { type BenchStack, startBenchStack } from './bench-stack';
import { startWorker } from '@hotline/worker';
import os from 'node:os';
import path from 'node:path';
import { withCpuProfile } from './cpu-profile';
import { intakeStep, type IntakeStep, type IntakeTarget, rateLimitCost, warmUp } from './intake';
import { driveLifecycles, percentile } from './lifecycle-driver';
import { offerLoad } from './offered-load';
import { openOrders } from './open-orders';
import { projectorModes } from './projector-modes';
import { cpuPer, cpuSnapshot } from './process-cpu';
import { publisherLever } from './publisher-lever';
import { publishCopies } from './copy-events';
import { readSpeed } from './read-speed';
import { machine, writeReport } from './report';
import { type ServerTuning, startOwnServer, tuningFlags } from './temporal-server';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const text = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const ORDERS = arg('orders', 200);
const CONCURRENCY = arg('concurrency', 20);
const INTAKE_STEPS = text('intake-steps', '5,10,20,40,80').split(',').map(Number);
const INTAKE_SECONDS = arg('intake-seconds', 5);
const INTAKE_TOKENS = arg('intake-tokens', 40);
/** Longest wait, in seconds, for the previous turn's workflows to be projected before a turn. */
const INTAKE_SETTLE = arg('intake-settle', 180);
/** Seconds of unreported calls before the first step (JIT, connections). */
const INTAKE_WARMUP = arg('intake-warmup', 3);
/** label=source tree,… : API processes measured one after the other (e.g. before=.data/before,after=.). */
const INTAKE_APIS = text('intake-apis', 'deployed=.');
const INTAKE_PROFILE = process.argv.includes('--intake-profile');
/** A CPU profile of the rebuild alone: .data/bench/rebuild-<time>.cpuprofile. */
const REBUILD_PROFILE = process.argv.includes('--rebuild-profile');
/** The lifecycles' events published again this many times as other orders before the rebuild. */
const REBUILD_COPIES = arg('rebuild-copies', 0);
/** Partitions the rebuild applies at once (its default when not given). */
const REBUILD_CONCURRENCY = process.argv.includes('--rebuild-concurrency')
  ? arg('rebuild-concurrency', 1)
  : undefined;
/** label=workflow bundle file,… (npm run bundle -- <file>, from each source tree). */
const LIFECYCLE_BUNDLES = text('lifecycle-bundles', '');
/** All the driver's calls come from 127.0.0.1: a call centre behind one address. */
const INTAKE_IP_LIMIT = arg('intake-ip-limit', 600_000);
const LOAD_RATE = arg('load-rate', 50);
const LOAD_SECONDS = arg('load-seconds', 10);
const OPEN = arg('open', 0);
const SERVER = text('server', 'shared') as ServerTuning | 'shared';
const SKIP = new Set(text('skip', '').split(',').filter(Boolean));
const OWN_SERVER_PORT = 7245;
/** Events of one lifecycle: received, dispatched, acknowledged, responded, resolved, callback, closed. */
const EVENTS_PER_ORDER = 7;

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** An error with its causes ("Workflow Update failed: … ← the workflow's own refusal"). */
function describeError(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e !== undefined && parts.length < 5;) {
    parts.push(e instanceof Error ? e.message : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(' ← ');
}

/** Night-time construction noise, spread over every community of the sample district's streets. */
function noiseOrders(prefix: string) {
  const ref = sampleReferenceData();
  const places = ref.streets
    .filter((s) => s.kind === 'street')
    .flatMap((s) =>
      s.communities.map((c) => ({ streetId: s.id, communityId: c.id, gridId: c.grids[0]?.id })),
    );
  return (i: number) => {
    const place = places[i % places.length]!;
    const input: OrderWorkflowInput = {
      orderId: `${prefix}-${String(i).padStart(6, '0')}`,
      channel: 'phone',
      category: 'complaint',
      content: '小区旁工地夜间22点后仍在施工，噪音很大',
      matterTypeCode: 'CG-003',
      urgency: 'normal',
      location: { address: `${place.communityId} 工地`, ...place },
      receivedAt: new Date().toISOString(),
      callerKey: `bench-caller-${prefix}-${i}`,
    };
    return { workflowId: input.orderId, args: [input] };
  };
}

/** Applied events, by the prefix of their aggregate id (each section numbers its own orders). */
class Lags {
  private readonly byPrefix = new Map<string, { lag: number[]; kafka: number[] }>();
  total = 0;
  add(aggregateId: string, lag: number, kafka: number) {
    this.total += 1;
    const prefix = aggregateId.replace(/-\d+$/, '');
    const bucket = this.byPrefix.get(prefix) ?? { lag: [], kafka: [] };
    this.byPrefix.set(prefix, bucket);
    bucket.lag.push(lag);
    bucket.kafka.push(kafka);
  }
  of(prefix: string) {
    return this.byPrefix.get(prefix) ?? { lag: [], kafka: [] };
  }
  async until(prefix: string, events: number, timeoutMs = 180_000) {
    const deadline = Date.now() + timeoutMs;
    while (this.of(prefix).lag.length < events && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.of(prefix).lag.length;
  }
  /** Waits until no event was applied for `quietMs` (what earlier sections started is done). */
  async settle(quietMs = 3000, timeoutMs = 180_000) {
    const deadline = Date.now() + timeoutMs;
    let last = -1;
    let since = Date.now();
    while (Date.now() < deadline) {
      if (this.total !== last) {
        last = this.total;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

const stats = (values: number[]) => ({
  p50Ms: percentile(values, 50),
  p99Ms: percentile(values, 99),
  maxMs: values.length ? Math.max(...values) : null,
});

async function lifecycles(stack: BenchStack, orders: number, concurrency: number, withBare = true) {
  const kinds = (
    [
      ['real', 'hotlineOrderWorkflow', stack.temporal.taskQueue],
      ['bare', 'bareOrderWorkflow', stack.bareTaskQueue],
      ['minimal', 'minimalOrderWorkflow', stack.bareTaskQueue],
    ] as const
  ).filter(([kind]) => withBare || kind !== 'bare');
  const out: Record<
    string,
    { seconds: number; ordersPerSecond: number; p50Ms: number | null; p99Ms: number | null }
  > = {};
  for (const [kind, workflowType, taskQueue] of kinds) {
    log(`${orders} lifecycles, ${concurrency} at a time: ${workflowType} …`);
    const bar = new ProgressBar(kind.padEnd(7), 'orders');
    const order =
      kind === 'real'
        ? noiseOrders(`${stack.runId}-L`)
        : (i: number) => ({ workflowId: `${stack.runId}-${kind}-${i}`, args: [] });
    const r = await driveLifecycles({
      client: stack.client,
      taskQueue,
      workflowType,
      order,
      count: orders,
      concurrency,
      onDone: (n) => bar.update(n, orders),
    });
    bar.done(orders, orders);
    out[kind] = {
      seconds: r.seconds,
      ordersPerSecond: r.ordersPerSecond,
      p50Ms: percentile(r.orderMillis, 50),
      p99Ms: percentile(r.orderMillis, 99),
    };
  }
  return {
    ...out,
    realToBare: out.bare ? out.real!.ordersPerSecond / out.bare.ordersPerSecond : null,
    realToMinimal: out.real!.ordersPerSecond / out.minimal!.ordersPerSecond,
  };
}

async function withServer<T>(
  server: ServerTuning | 'shared',
  run: (address?: string) => Promise<T>,
): Promise<T> {
  if (server === 'shared') return run();
  log(`own Temporal dev server (${server}: ${tuningFlags(server).join(' ') || 'defaults'}) …`);
  const own = await startOwnServer(server, OWN_SERVER_PORT);
  try {
    return await run(own.address);
  } finally {
    await own.stop();
  }
}

/** The dev server's settings one at a time, each on a fresh server of its own, same driver. */
async function levers() {
  const results: Record<string, unknown> = {};
  const which = text('lever-list', 'default,tuned').split(',') as ServerTuning[];
  const orders = arg('lever-orders', 30);
  for (const tuning of which) {
    results[tuning] = await withServer(tuning, async (address) => {
      const lags = new Lags();
      const stack = await startBenchStack((l, k, _t, id) => lags.add(id, l, k), log, {
        temporalAddress: address,
      });
      try {
        const r = await lifecycles(stack, orders, CONCURRENCY, false);
        await lags.until(`${stack.runId}-L`, orders * EVENTS_PER_ORDER, 60_000);
        return { flags: tuningFlags(tuning), ...r, lag: stats(lags.of(`${stack.runId}-L`).lag) };
      } finally {
        await stack.stop(false);
      }
    });
  }
  return results;
}

async function main() {
  if (process.argv.includes('--levers')) {
    const report = {
      at: new Date().toISOString(),
      kind: 'levers',
      settings: { orders: arg('lever-orders', 30), concurrency: CONCURRENCY },
      servers: await levers(),
    };
    const files = await writeReport(report as never, 'levers');
    process.stdout.write(`\n${files.markdown}\n`);
    return;
  }
  await withServer(SERVER, async (address) => {
    const lags = new Lags();
    const stack = await startBenchStack((l, k, _t, id) => lags.add(id, l, k), log, {
      temporalAddress: address,
      inProcessApi: false,
    });
    const keep = process.argv.includes('--keep');
    try {
      const report: Record<string, unknown> = {
        at: new Date().toISOString(),
        machine: await machine(stack.database),
        server: {
          kind: SERVER,
          address: stack.temporal.address,
          namespace: stack.temporal.namespace,
        },
        settings: {
          orders: ORDERS,
          concurrency: CONCURRENCY,
          intakeSteps: INTAKE_STEPS,
          intakeSeconds: INTAKE_SECONDS,
          intakeTokens: INTAKE_TOKENS,
          intakeWarmupSeconds: INTAKE_WARMUP,
          intakeSettleSeconds: INTAKE_SETTLE,
          loadRate: LOAD_RATE,
          loadSeconds: LOAD_SECONDS,
          open: OPEN,
        },
      };

      const section = async (name: string, work: () => Promise<void>) => {
        try {
          await work();
        } catch (err) {
          report[`${name}Error`] = describeError(err);
          log(`${name} failed: ${String(report[`${name}Error`])}`);
        }
        await writeReport(report as never); // what is measured so far survives a later failure
      };

      if (!SKIP.has('intake'))
        await section('intake', async () => {
          const probe = databaseStarterProbe(stack.database.url);
          // label=root[;NAME=value…]: e.g. after=.;API_INTAKE_START_CONCURRENCY=4
          const apis = INTAKE_APIS.split(',').map((entry) => {
            const [head, ...settings] = entry.split(';');
            const [label, root] = head!.includes('=') ? head!.split('=') : ['deployed', '.'];
            const env = Object.fromEntries(settings.map((kv) => kv.split('=') as [string, string]));
            return { label: label!, root: root!, env };
          });
          const runs: Record<string, unknown> = {};
          // Every API process up at once, measured step by step in turn (the order reversed at
          // every step: A B, B A, …), so that the machine's load — shared, and changing by the
          // minute — falls on each alike. Between turns the previous turn's workflows run on
          // until no event was projected for 3 s (at most 3 min): a step's few hundred new
          // workflows otherwise take the CPU from the next step's intake.
          const targets: {
            label: string;
            root: string;
            env: Record<string, string>;
            api: ApiProcess;
            target: IntakeTarget;
            steps: IntakeStep[];
            done: boolean;
            metrics?: Record<string, number>;
          }[] = [];
          try {
            for (const { label, root, env } of apis) {
              const api = await startApiProcess({
                env: {
                  ...stack.apiEnv,
                  API_RATE_LIMIT_PER_IP_PER_MINUTE: String(INTAKE_IP_LIMIT),
                  // The APIs share the database and none of them dies here: the periodic sweep
                  // for orders a dead instance left unstarted would only start the other APIs'
                  // backlog twice (and, in the API taking calls, reread its own). Once at start-up.
                  API_INTAKE_SWEEP_MS: '600000',
                  ...env,
                },
                root,
                label,
                cpuProfile: INTAKE_PROFILE,
                log,
              });
              const tokens = Array.from({ length: INTAKE_TOKENS }, (_, i) =>
                signToken({ sub: `bench-operator-${i}`, role: 'operator' }, api.authSecret, 3600),
              );
              const target: IntakeTarget = {
                apiUrl: api.url,
                tokens,
                seconds: INTAKE_SECONDS,
                runId: `${stack.runId}${label.replace(/[^a-z0-9]/gi, '')}`,
                starter: probe,
                apiCpuMs: api.cpuMs,
              };
              targets.push({ label, root, env, api, target, steps: [], done: false });
            }
            log(
              `intake (${targets.map((t) => `${t.label} from ${t.root}`).join(', ')}): POST /orders, ${INTAKE_TOKENS} operator tokens, ${INTAKE_WARMUP} s warm-up, steps ${INTAKE_STEPS} × ${INTAKE_SECONDS} s, each API in turn …`,
            );
            for (const t of targets) await warmUp(t.target, INTAKE_STEPS[0] ?? 10, INTAKE_WARMUP);
            await lags.settle(3000, INTAKE_SETTLE * 1000);
            for (const [k, concurrency] of INTAKE_STEPS.entries()) {
              const turn = k % 2 === 0 ? targets : [...targets].reverse();
              for (const t of turn.filter((x) => !x.done)) {
                const s = await intakeStep(t.target, concurrency);
                t.steps.push(s);
                log(
                  `  ${t.label} ${s.concurrency} at a time: ${s.intakesPerSecond.toFixed(1)}/s, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms` +
                    (Object.keys(s.refused).length
                      ? `, refused ${JSON.stringify(s.refused)}`
                      : '') +
                    (s.workflowStart
                      ? `; workflow started p50 ${s.workflowStart.p50Ms} ms, p99 ${s.workflowStart.p99Ms} ms after acceptance, backlog ${s.workflowStart.backlogAtEnd} drained in ${s.workflowStart.drainMs} ms`
                      : '') +
                    `; API CPU ${s.apiCpuMsPerCall} ms/call, bench process ${s.benchCpuMsPerCall} ms/call; load ${s.load1}`,
                );
                // Alone, an API stops after its first step past 1 s; side by side, every API runs
                // every step: on the shared machine one unlucky minute would end a ladder.
                if ((s.p99Ms ?? 0) > 1000 && targets.length === 1) t.done = true;
                const quiet = Date.now();
                await lags.settle(3000, INTAKE_SETTLE * 1000);
                log(
                  `    (workflows of the turn projected, or ${INTAKE_SETTLE} s passed: ${Date.now() - quiet} ms)`,
                );
              }
            }
          } finally {
            for (const t of targets) {
              t.metrics = await t.api.intakeMetrics();
              log(`  ${t.label} /metrics: ${JSON.stringify(t.metrics)}`);
              await t.api.stop();
            }
            await probe.close();
          }
          for (const t of targets)
            runs[t.label] = {
              root: t.root,
              env: t.env,
              steps: t.steps,
              bestUnderOneSecondP99:
                t.steps
                  .filter((s) => (s.p99Ms ?? Infinity) < 1000)
                  .sort((a, b) => b.intakesPerSecond - a.intakesPerSecond)[0] ?? null,
              ...(t.api.profileDir ? { cpuProfileDir: t.api.profileDir } : {}),
              // Its starts by outcome and group commit, from its /metrics at the end.
              apiMetrics: t.metrics ?? {},
              log: t.api.logPath,
            };
          const last = runs[apis[apis.length - 1]!.label] as { steps: IntakeStep[] };
          report.intake = {
            steps: last.steps,
            bestUnderOneSecondP99:
              last.steps
                .filter((s) => (s.p99Ms ?? Infinity) < 1000)
                .sort((a, b) => b.intakesPerSecond - a.intakesPerSecond)[0] ?? null,
            apis: runs,
            rateLimit: {
              perMinutePerToken: 600,
              perMinutePerAddress: INTAKE_IP_LIMIT,
              ...rateLimitCost(),
            },
            durability:
              "Each API in a process of its own (NODE_ENV=production, request logging at info into a file); the driver, worker and projector in the bench process. POST /orders answers 201 once the intake row (order number, idempotency key, workflow input, encrypted caller) is committed in PostgreSQL: durable when answered. The API's starter then starts the workflow (API_INTAKE_START_CONCURRENCY starts in flight, rows marked started in batches, each with the time its start returned); unstarted rows are started by its sweep after a crash or an outage. workflowStart per step: the intake row's created_at (the database's clock at the intake read) → workflow_started_at (the API's clock when the start call returned: the workflow runs from then), and how long the step's backlog took to drain after its last answer. Several APIs (--intake-apis) are up at once (API_INTAKE_SWEEP_MS=600000: no API sweeps another's backlog) and measured step by step in turn, every API every step (one API alone stops after its first step past 1 s), the order reversed at every step; between turns the bench waits until no event was projected for 3 s (at most --intake-settle seconds, settings.intakeSettleSeconds).",
          };
          log('waiting for the intake orders to be dispatched and projected …');
          await lags.settle();
        });

      if (LIFECYCLE_BUNDLES)
        await section('lifecycleBundles', async () => {
          // label=bundle file,…: the same lifecycles on workers running each workflow bundle (e.g.
          // the bundle of the code before a workflow change and after it), then the minimal one.
          const out: Record<string, unknown> = {};
          for (const entry of LIFECYCLE_BUNDLES.split(',')) {
            const [label, file] = entry.split('=') as [string, string];
            const taskQueue = `${stack.temporal.taskQueue}-${label}`;
            process.env.WORKFLOW_BUNDLE_PATH = path.resolve(file);
            const worker = await startWorker({
              kafka: stack.kafka,
              temporal: { ...stack.temporal, taskQueue },
            });
            delete process.env.WORKFLOW_BUNDLE_PATH;
            try {
              log(`${ORDERS} lifecycles, ${CONCURRENCY} at a time, bundle ${label} (${file}) …`);
              const cpuBefore = cpuSnapshot();
              const r = await driveLifecycles({
                client: stack.client,
                taskQueue,
                workflowType: 'hotlineOrderWorkflow',
                order: noiseOrders(`${stack.runId}-${label}`),
                count: ORDERS,
                concurrency: CONCURRENCY,
              });
              out[label] = {
                ordersPerSecond: r.ordersPerSecond,
                seconds: r.seconds,
                p50Ms: percentile(r.orderMillis, 50),
                p99Ms: percentile(r.orderMillis, 99),
                load1: Number(os.loadavg()[0]!.toFixed(2)),
                cpuMsPerLifecycle: cpuPer(cpuBefore, cpuSnapshot(), ORDERS),
              };
              log(
                `  ${label}: ${r.ordersPerSecond.toFixed(2)}/s; load ${os.loadavg()[0]!.toFixed(2)}; CPU ms per lifecycle ${JSON.stringify((out[label] as { cpuMsPerLifecycle: object }).cpuMsPerLifecycle)}`,
              );
            } finally {
              await worker.stop();
            }
          }
          const cpuBefore = cpuSnapshot();
          const r = await driveLifecycles({
            client: stack.client,
            taskQueue: stack.bareTaskQueue,
            workflowType: 'minimalOrderWorkflow',
            order: (i: number) => ({ workflowId: `${stack.runId}-minimal-b-${i}`, args: [] }),
            count: ORDERS,
            concurrency: CONCURRENCY,
          });
          const cpu = cpuPer(cpuBefore, cpuSnapshot(), ORDERS);
          out.minimal = {
            ordersPerSecond: r.ordersPerSecond,
            p50Ms: percentile(r.orderMillis, 50),
            p99Ms: percentile(r.orderMillis, 99),
            load1: Number(os.loadavg()[0]!.toFixed(2)),
            cpuMsPerLifecycle: cpu,
          };
          log(
            `  minimal: ${r.ordersPerSecond.toFixed(2)}/s; load ${os.loadavg()[0]!.toFixed(2)}; CPU ms per lifecycle ${JSON.stringify(cpu)}`,
          );
          report.lifecycleBundles = out;
        });

      if (!SKIP.has('lifecycles'))
        await section('lifecycles', async () => {
          report.lifecycles = await lifecycles(stack, ORDERS, CONCURRENCY);
          const got = await lags.until(`${stack.runId}-L`, ORDERS * EVENTS_PER_ORDER);
          const l = lags.of(`${stack.runId}-L`);
          report.lifecycleLag = { events: got, ...stats(l.lag), fromKafka: stats(l.kafka) };
          await stack.stopBare();
        });

      if (!SKIP.has('load'))
        await section('offeredLoad', async () => {
          log(`offered load: ${LOAD_RATE} new orders/s for ${LOAD_SECONDS} s …`);
          const prefix = `${stack.runId}-Q`;
          const load = await offerLoad({
            client: stack.client,
            taskQueue: stack.temporal.taskQueue,
            ratePerSecond: LOAD_RATE,
            seconds: LOAD_SECONDS,
            order: noiseOrders(prefix),
          });
          const expected = load.started * 2; // OrderReceived, OrderDispatched
          const t0 = Date.now();
          const got = await lags.until(prefix, expected, 300_000);
          const l = lags.of(prefix);
          const { workflowIds: _ids, ...summary } = load;
          void _ids;
          report.offeredLoad = {
            ...summary,
            events: got,
            expectedEvents: expected,
            drainSeconds: (Date.now() - t0) / 1000,
            lag: stats(l.lag),
            fromKafka: stats(l.kafka),
            // Sustained: every start sent on time and accepted at the offered rate, every event applied.
            sustained:
              load.driverBehindMs < 1000 &&
              load.startedPerSecond >= 0.95 * LOAD_RATE &&
              got === expected,
          };
          log(
            `  lag p50 ${percentile(l.lag, 50)} ms, p99 ${percentile(l.lag, 99)} ms over ${got} events`,
          );
          await lags.settle();
        });

      if (!SKIP.has('rebuild'))
        await section('rebuild', async () => {
          if (REBUILD_COPIES > 0) {
            // A burst for the live projector first (its catch-up rate), then the rebuild reads it all.
            const before = lags.total;
            const t0 = Date.now();
            const published = await publishCopies(stack.kafka, stack.runId, REBUILD_COPIES);
            const publishSeconds = (Date.now() - t0) / 1000;
            log(`published ${published} copied events in ${publishSeconds.toFixed(1)} s …`);
            const deadline = Date.now() + 600_000;
            while (lags.total < before + published && Date.now() < deadline)
              await new Promise((r) => setTimeout(r, 100));
            const seconds = (Date.now() - t0) / 1000;
            report.liveBurst = {
              events: published,
              applied: lags.total - before,
              publishSeconds,
              seconds,
              eventsPerSecond: (lags.total - before) / Math.max(seconds, 0.001),
              load1: Number(os.loadavg()[0]!.toFixed(2)),
            };
            log(
              `  live projector: ${lags.total - before} of ${published} applied in ${seconds.toFixed(1)} s (${((lags.total - before) / seconds).toFixed(0)} events/s from the first publish); load ${os.loadavg()[0]!.toFixed(2)}`,
            );
          }
          await lags.settle();
          log('rebuilding every read model from the topics …');
          const rebuildBar = new ProgressBar('rebuild');
          const rebuildOnce = () =>
            rebuildReadModels({
              kafka: stack.kafka,
              database: stack.database,
              onProgress: (read, total) => rebuildBar.update(read, total),
              ...(REBUILD_CONCURRENCY ? { concurrency: REBUILD_CONCURRENCY } : {}),
            });
          Sql.timings = new Map();
          const profileFile = path.resolve(
            __dirname,
            `../../.data/bench/rebuild-${Date.now().toString(36)}.cpuprofile`,
          );
          const rebuild = REBUILD_PROFILE
            ? await withCpuProfile(profileFile, rebuildOnce)
            : await rebuildOnce();
          if (REBUILD_PROFILE) log(`  rebuild CPU profile: ${profileFile}`);
          rebuildBar.done(rebuild.events, rebuild.events);
          log('reading the topics with kafkajs alone …');
          const raw = await readSpeed(stack.kafka, 'raw');
          const validated = await readSpeed(stack.kafka, 'validated');
          report.rebuild = {
            events: rebuild.events,
            seconds: rebuild.seconds,
            eventsPerSecond: rebuild.eventsPerSecond,
            applyEventsPerSecond: rebuild.applyEventsPerSecond,
            batches: rebuild.batches,
            statementsPerEvent:
              rebuild.statements === undefined
                ? undefined
                : rebuild.statements / Math.max(rebuild.events, 1),
            identicalToLive: rebuild.tables.every((t) => t.identical),
            different: rebuild.tables.filter((t) => !t.identical).map((t) => t.table),
            tables: Object.fromEntries(rebuild.tables.map((t) => [t.table, t.rebuilt.rows])),
            toRaw: rebuild.applyEventsPerSecond / raw.eventsPerSecond,
            load1: Number(os.loadavg()[0]!.toFixed(2)),
            // Waiting on each kind of statement, summed over the batches (they overlap when
            // partitions are applied at once).
            statementMs: Object.fromEntries(
              [...(Sql.timings ?? new Map<string, { count: number; ms: number }>())]
                .sort(([, a], [, b]) => b.ms - a.ms)
                .slice(0, 15)
                .map(([k, t]) => [k, { count: t.count, ms: Math.round(t.ms) }]),
            ),
          };
          Sql.timings = undefined;
          log(
            `  rebuild ${rebuild.applyEventsPerSecond.toFixed(0)} events/s applying, raw read ${raw.eventsPerSecond.toFixed(0)} events/s (${((100 * rebuild.applyEventsPerSecond) / raw.eventsPerSecond).toFixed(0)} %); ${rebuild.events} events in ${rebuild.batches} batches, ${(rebuild.statements / Math.max(rebuild.events, 1)).toFixed(2)} statements/event; identical to live: ${rebuild.tables.every((t) => t.identical)}; load ${os.loadavg()[0]!.toFixed(2)}`,
          );
          report.rawConsume = raw;
          report.validatedConsume = validated;
          if (SKIP.has('projector-lever')) return;
          log(
            'the projector lever alone: the same events, one transaction per event, then per batch …',
          );
          report.projectorLever = await projectorModes(stack.kafka, databaseConfigFromEnv(), log);
        });

      if (!SKIP.has('publisher'))
        await section('publisherLever', async () => {
          log('producer micro-batching alone: one send per publish, then one sendBatch per tick …');
          report.publisherLever = await publisherLever(stack.kafka, stack.runId);
        });

      if (OPEN > 0)
        await section('openOrders', async () => {
          report.openOrders = await openOrders({
            client: stack.client,
            env: { ...stack.apiEnv, NODE_ENV: 'development' },
            taskQueue: `${stack.temporal.taskQueue}-open`,
            count: OPEN,
            concurrency: arg('open-concurrency', CONCURRENCY),
            budgetMinutes: arg('open-minutes', 30),
            lifecycles: ORDERS,
            order: noiseOrders(`${stack.runId}-O`),
            log,
          });
        });

      const files = await writeReport(report as never);
      process.stdout.write(`\n${files.markdown}\n${files.summary}\n`);
      log(`written to ${files.jsonPath} and ${files.markdownPath}`);
    } finally {
      // Terminating the open orders' workflows needs their task queue in the list.
      await stack.stop(keep);
    }
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(
      `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    process.exit(1);
  },
);
