// npm run cluster -- bench [--orders 200] [--concurrency 20] [--workers 1,2] [--http 60]
// The benchmark's lifecycle (tools/bench/lifecycle-driver: start, 签收, 响应, 办结, 回访) on the
// running cluster topology, with 1 and then 2 worker processes polling the task queue (the other
// worker is stopped with SIGTERM for the 1-worker run and started again after), and the same
// orders reaching the read model through the two projectors. With --http N, N more orders go
// through the API load balancer (two API instances). Writes .data/cluster/bench/latest.json/.md;
// asserts nothing about time.
import 'reflect-metadata';
import { sampleReferenceData } from '@hotline/domain';
import { connectTemporalClient, temporalConfigFromEnv } from '@hotline/temporal';
import type { OrderWorkflowInput } from '@hotline/workflows';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { driveLifecycles, percentile } from '../bench/lifecycle-driver';
import { HttpLoad, newRunId } from './http-load';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, '.data/cluster/bench');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const ORDERS = Number(arg('orders', '200'));
const CONCURRENCY = Number(arg('concurrency', '20'));
const WORKERS = arg('workers', '1,2').split(',').map(Number);
const HTTP_ORDERS = Number(arg('http', '0'));
const log = (line: string) => process.stderr.write(`cluster bench: ${line}\n`);

function cluster(...args: string[]) {
  const res = spawnSync('node', [path.join(ROOT, 'docker/native/cluster.mjs'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (res.status !== 0) throw new Error(`cluster ${args.join(' ')} failed`);
}

/** The benchmark's orders: night-time construction noise spread over the sample district. */
function noiseOrders(runId: string) {
  const places = sampleReferenceData()
    .streets.filter((s) => s.kind === 'street')
    .flatMap((s) =>
      s.communities.map((c) => ({ streetId: s.id, communityId: c.id, gridId: c.grids[0]?.id })),
    );
  return (i: number) => {
    const place = places[i % places.length]!;
    const input: OrderWorkflowInput = {
      orderId: `${runId}-${String(i).padStart(6, '0')}`,
      channel: 'phone',
      category: 'complaint',
      content: '小区旁工地夜间22点后仍在施工，噪音很大',
      matterTypeCode: 'CG-003',
      urgency: 'normal',
      location: { address: `${place.communityId} 工地`, ...place },
      receivedAt: new Date().toISOString(),
      callerKey: `bench-caller-${i}`,
    };
    return { workflowId: input.orderId, args: [input] };
  };
}

async function readModelCaughtUp(db: PgClient, prefix: string, count: number, since: number) {
  for (;;) {
    const r = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM order_view WHERE status = 'closed' AND order_id LIKE $1",
      [`${prefix}-%`],
    );
    if (r.rows[0]!.n >= count) return (Date.now() - since) / 1000;
    if (Date.now() - since > 300_000) throw new Error(`read model has ${r.rows[0]!.n}/${count}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

interface Run {
  path: string;
  workers: number;
  orders: number;
  concurrency: number;
  seconds: number;
  ordersPerSecond: number;
  orderP50Ms: number | null;
  orderP99Ms: number | null;
  /** From the last lifecycle's end until the read model showed every order closed. */
  readModelTailSeconds: number;
}

async function main() {
  const temporal = temporalConfigFromEnv();
  const { client, connection } = await connectTemporalClient(temporal);
  const db = new PgClient({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  const runs: Run[] = [];
  try {
    for (const workers of WORKERS) {
      if (workers === 1) cluster('stop', 'worker-2');
      else cluster('start', 'worker-2');
      const runId = newRunId(`bench-w${workers}`);
      // Warm-up: workflow caches, connections (not measured).
      await driveLifecycles({
        client,
        taskQueue: temporal.taskQueue,
        workflowType: 'hotlineOrderWorkflow',
        order: noiseOrders(`${runId}-warm`),
        count: Math.min(10, ORDERS),
        concurrency: Math.min(5, CONCURRENCY),
      });
      log(`${workers} worker(s): ${ORDERS} orders, ${CONCURRENCY} at a time …`);
      const r = await driveLifecycles({
        client,
        taskQueue: temporal.taskQueue,
        workflowType: 'hotlineOrderWorkflow',
        order: noiseOrders(runId),
        count: ORDERS,
        concurrency: CONCURRENCY,
      });
      const tail = await readModelCaughtUp(db, runId, ORDERS, Date.now());
      runs.push({
        path: 'temporal client → cluster',
        workers,
        orders: ORDERS,
        concurrency: CONCURRENCY,
        seconds: r.seconds,
        ordersPerSecond: r.ordersPerSecond,
        orderP50Ms: percentile(r.orderMillis, 50),
        orderP99Ms: percentile(r.orderMillis, 99),
        readModelTailSeconds: tail,
      });
      log(`${workers} worker(s): ${r.ordersPerSecond.toFixed(2)} orders/s`);
    }
    cluster('start', 'worker-2');
    if (HTTP_ORDERS > 0) {
      const runId = newRunId('bench-http');
      const load = new HttpLoad(`http://127.0.0.1:${process.env.CLUSTER_API_PORT ?? 13000}`, runId);
      log(`HTTP: ${HTTP_ORDERS} orders through the API load balancer, ${CONCURRENCY} at a time …`);
      const t0 = Date.now();
      await load.run(HTTP_ORDERS, CONCURRENCY);
      const seconds = (Date.now() - t0) / 1000;
      if (load.failures.length) throw new Error(load.failures.join('\n'));
      const ids = load.orders.map((o) => o.orderId);
      const since = Date.now();
      for (;;) {
        const n = (
          await db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM order_view WHERE status = 'closed' AND order_id = ANY($1)",
            [ids],
          )
        ).rows[0]!.n;
        if (n >= ids.length) break;
        await new Promise((res) => setTimeout(res, 200));
      }
      const per = new Map<number, number>();
      for (const s of load.steps) per.set(s.order, (per.get(s.order) ?? 0) + (s.end - s.start));
      runs.push({
        path: 'HTTP → api-lb → 2 APIs',
        workers: 2,
        orders: HTTP_ORDERS,
        concurrency: CONCURRENCY,
        seconds,
        ordersPerSecond: HTTP_ORDERS / seconds,
        orderP50Ms: percentile([...per.values()], 50),
        orderP99Ms: percentile([...per.values()], 99),
        readModelTailSeconds: (Date.now() - since) / 1000,
      });
    }
  } finally {
    await db.end();
    await connection.close();
  }
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).trim();
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
  const head = [
    'path',
    'workers',
    'orders',
    'orders/s',
    'order p50',
    'order p99',
    'read model tail',
  ];
  const rows = runs.map((r) => [
    r.path,
    String(r.workers),
    `${r.orders} (${r.concurrency} at a time)`,
    r.ordersPerSecond.toFixed(2),
    `${r.orderP50Ms ?? '-'} ms`,
    `${r.orderP99Ms ?? '-'} ms`,
    `${r.readModelTailSeconds.toFixed(1)} s`,
  ]);
  const table = [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(
    path.join(OUT, 'latest.json'),
    JSON.stringify({ at: new Date().toISOString(), commit, machine, runs }, null, 2),
  );
  fs.writeFileSync(
    path.join(OUT, 'latest.md'),
    `# Cluster bench — ${new Date().toISOString()} (commit ${commit})\n\n${machine}\n\n${table}\n`,
  );
  console.log(`\n${machine}\n\n${table}\n`);
}

main().catch((err: unknown) => {
  console.error(`cluster bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
