import { type Client } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeWorkflowBundle } from '../../apps/worker/src/workflow-bundle';
import { openOrder } from '../../apps/worker/src/testing/open-orders';
import { driveLifecycles, percentile } from './lifecycle-driver';

const ROOT = path.resolve(__dirname, '../..');

export interface OpenOrdersResult {
  open: number;
  asked: number;
  /** Orders whose opening failed (a call that kept failing on a busy server). */
  notOpened: number;
  loadAtEnd: number;
  temporalDbMiB: { before: number | null; withOrdersOpen: number | null };
  model: {
    workerMiBPerCachedWorkflow: number | null;
    temporalDbKiBPerOpenOrder: number | null;
    note: string;
  };
  openingSeconds: number;
  openedPerSecond: number;
  workerRssMiB: { beforeOrders: number; withOrdersOpen: number; afterLifecycles: number };
  workerHeapNote: string;
  /** The worker's sticky cache (temporal_sticky_cache_size) with the orders open, and its limit. */
  cachedWorkflows: { withOrdersOpen: number | null; max: number };
  coldRestart: {
    /** Process start to "worker ready" and to the first lifecycle done, prebuilt bundle. */
    prebuiltReadyMs: number;
    prebuiltFirstLifecycleMs: number;
    /** The same with the bundle built by webpack at start (as before). */
    webpackReadyMs: number;
  };
  lifecyclesWhileOpen: {
    orders: number;
    ordersPerSecond: number;
    p50Ms: number | null;
    p99Ms: number | null;
  };
}

interface ChildWorker {
  child: ChildProcess;
  readyMs: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The real worker process (apps/worker/src/main.ts), as `npm start` runs it. */
async function startChildWorker(env: NodeJS.ProcessEnv): Promise<ChildWorker> {
  const t0 = Date.now();
  const child = spawn('node', ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker ready')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`worker exited (${code}): ${output.slice(-2000)}`)),
    );
  });
  await ready;
  const readyMs = Date.now() - t0;
  return {
    child,
    readyMs,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}

/** The bench's open-orders worker serves its SDK metrics here (loopback, bench only). */
const OPEN_WORKER_METRICS = '127.0.0.1:9477';

async function stickyCacheSize(): Promise<number | null> {
  try {
    const text = await (await fetch(`http://${OPEN_WORKER_METRICS}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('temporal_sticky_cache_size'));
    return line ? Number(line.trim().split(/\s+/).pop()) : null;
  } catch {
    return null;
  }
}

/** The dev server's SQLite file (WAL included), as `npm start` and ns-run keep it. */
function temporalDbMiB(): number | null {
  let bytes = 0;
  for (const f of ['temporal.db', 'temporal.db-wal']) {
    try {
      bytes += statSync(path.join(ROOT, '.data/temporal', f)).size;
    } catch {
      if (f === 'temporal.db') return null;
    }
  }
  return Math.round(bytes / 2 ** 20);
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/**
 * Opens `count` orders that stay open — dispatched and acknowledged (签收), each then waiting
 * on its deadline timer — on a worker process of their own; then measures that worker's
 * memory, a cold restart (SIGKILL, start again), and the lifecycle rate while they are open.
 */
export async function openOrders(o: {
  client: Client;
  env: NodeJS.ProcessEnv;
  taskQueue: string;
  count: number;
  concurrency: number;
  lifecycles: number;
  order: (i: number) => { workflowId: string; args: unknown[] };
  log: (line: string) => void;
  /** Opening stops after this long (the count reached is reported). */
  budgetMinutes: number;
}): Promise<OpenOrdersResult> {
  const bundle = await writeWorkflowBundle(path.join(ROOT, '.data/bench/workflow-bundle.js'));
  const env = {
    ...o.env,
    TEMPORAL_TASK_QUEUE: o.taskQueue,
    WORKFLOW_BUNDLE_PATH: bundle.file,
    WORKER_METRICS_PORT: OPEN_WORKER_METRICS,
  };
  let worker = await startChildWorker(env);
  const before = rssMiB(worker.child.pid!);

  o.log(
    `opening up to ${o.count} orders (dispatched, acknowledged, on their timers), ${o.concurrency} at a time, for at most ${o.budgetMinutes} min …`,
  );
  const dbBefore = temporalDbMiB();
  const t0 = Date.now();
  const until = t0 + o.budgetMinutes * 60_000;
  let opened = 0;
  let failed = 0;
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < o.count && Date.now() < until; i = next++) {
      const { workflowId, args } = o.order(i);
      try {
        await openOrder(o.client, { workflowId, taskQueue: o.taskQueue, args });
      } catch (err) {
        // Counted and reported; the others go on (one slow answer must not lose the run).
        failed += 1;
        if (failed <= 5) o.log(`  ${workflowId} not opened: ${String(err)}`);
        continue;
      }
      opened += 1;
      if (opened % 500 === 0)
        o.log(
          `  ${opened} open (${(opened / ((Date.now() - t0) / 1000)).toFixed(1)}/s, worker RSS ${rssMiB(worker.child.pid!)} MiB; load ${os.loadavg()[0]!.toFixed(2)})`,
        );
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, lane));
  const count = next > o.count ? o.count : next;
  const openingSeconds = (Date.now() - t0) / 1000;
  const withOpen = rssMiB(worker.child.pid!);
  const dbWithOpen = temporalDbMiB();
  const cachedWithOpen = await stickyCacheSize();

  o.log('cold restart of the worker (SIGKILL, then start, prebuilt bundle) …');
  await worker.stop('SIGKILL');
  worker = await startChildWorker(env);
  const prebuiltReadyMs = worker.readyMs;
  const first = await driveLifecycles({
    client: o.client,
    taskQueue: o.taskQueue,
    workflowType: 'hotlineOrderWorkflow',
    order: (i) => o.order(count + i),
    count: 1,
    concurrency: 1,
  });
  const prebuiltFirstLifecycleMs = prebuiltReadyMs + first.orderMillis[0]!;

  o.log(`${o.lifecycles} lifecycles while ${opened} orders are open …`);
  const run = await driveLifecycles({
    client: o.client,
    taskQueue: o.taskQueue,
    workflowType: 'hotlineOrderWorkflow',
    order: (i) => o.order(count + 1 + i),
    count: o.lifecycles,
    concurrency: o.concurrency,
  });
  const after = rssMiB(worker.child.pid!);

  o.log('cold restart with the bundle built by webpack at start (as before) …');
  await worker.stop('SIGKILL');
  const { WORKFLOW_BUNDLE_PATH: _prebuilt, ...webpackEnv } = env;
  void _prebuilt;
  worker = await startChildWorker({ ...webpackEnv, WORKFLOW_BUNDLE_PATH: '' });
  const webpackReadyMs = worker.readyMs;
  await worker.stop();

  const perCachedMiB =
    cachedWithOpen && cachedWithOpen > 0 ? (withOpen - before) / cachedWithOpen : null;
  return {
    open: opened,
    asked: o.count,
    notOpened: failed,
    openingSeconds,
    openedPerSecond: opened / openingSeconds,
    loadAtEnd: Number(os.loadavg()[0]!.toFixed(2)),
    temporalDbMiB: { before: dbBefore, withOrdersOpen: dbWithOpen },
    model: {
      workerMiBPerCachedWorkflow: perCachedMiB,
      temporalDbKiBPerOpenOrder:
        dbBefore !== null && dbWithOpen !== null && opened > 0
          ? ((dbWithOpen - dbBefore) * 1024) / opened
          : null,
      note: 'The worker holds at most WORKER_MAX_CACHED_WORKFLOWS workflows whatever the number open (the rest live in Temporal and are replayed on their next task): its memory is base + per-cached × cache size. The open orders themselves cost the Temporal server storage (per open order) and one timer each.',
    },
    workerRssMiB: { beforeOrders: before, withOrdersOpen: withOpen, afterLifecycles: after },
    workerHeapNote:
      'RSS of the worker process alone (apps/worker/src/main.ts); its sticky cache holds at most WORKER_MAX_CACHED_WORKFLOWS workflows',
    cachedWorkflows: {
      withOrdersOpen: cachedWithOpen,
      max: Number(o.env.WORKER_MAX_CACHED_WORKFLOWS ?? 500),
    },
    coldRestart: { prebuiltReadyMs, prebuiltFirstLifecycleMs, webpackReadyMs },
    lifecyclesWhileOpen: {
      orders: o.lifecycles,
      ordersPerSecond: run.ordersPerSecond,
      p50Ms: percentile(run.orderMillis, 50),
      p99Ms: percentile(run.orderMillis, 99),
    },
  };
}
