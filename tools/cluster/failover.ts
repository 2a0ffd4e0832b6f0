// npm run cluster -- failover [--orders 36] [--concurrency 6] [--only worker-1,kafka]
// On the running cluster topology (npm run cluster -- up): for each scenario, drives a bounded
// load of orders through the API's load balancer, kills one process with SIGKILL (kill -9) in the
// middle of it, waits for the load to finish, checks that every order closed and that the read
// model holds each order's events exactly once with no gap, starts the process again and prints
// a table. Writes .data/cluster/failover/latest.json and latest.md. Exit code 1 when any check fails.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { HttpLoad, newRunId, type StepRecord } from './http-load';

const ROOT = path.resolve(__dirname, '../..');
const CLUSTER = path.join(ROOT, '.data/cluster');
const API = `http://127.0.0.1:${process.env.CLUSTER_API_PORT ?? 13000}`;

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const ORDERS = Number(arg('orders', '36'));
const CONCURRENCY = Number(arg('concurrency', '6'));
/** The kill happens once this many orders of the scenario have closed. */
const KILL_AFTER = Number(arg('kill-after', String(Math.ceil(ORDERS / 4))));
const log = (line: string) => process.stderr.write(`failover: ${line}\n`);

interface Scenario {
  label: string;
  /** The process to kill; a function when it depends on the cluster's state (a partition leader). */
  target: () => Promise<string>;
}

async function orderEventsLeader(): Promise<string> {
  const kafka = new Kafka({
    brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const md = await admin.fetchTopicMetadata({ topics: ['hotline.order-events'] });
    const leaders = new Map<number, number>();
    for (const p of md.topics[0]!.partitions)
      leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1);
    const [busiest] = [...leaders].sort((a, b) => b[1] - a[1])[0]!;
    return `kafka-${busiest}`;
  } finally {
    await admin.disconnect();
  }
}

const SCENARIOS: Scenario[] = [
  { label: 'worker', target: async () => 'worker-1' },
  { label: 'projector', target: async () => 'projector-1' },
  { label: 'api', target: async () => 'api-1' },
  { label: 'kafka', target: orderEventsLeader },
  { label: 'temporal', target: async () => 'temporal-1' },
];

function pidOf(name: string): number {
  const pid = Number(fs.readFileSync(path.join(CLUSTER, 'pids', `${name}.pid`), 'utf8').trim());
  process.kill(pid, 0); // throws when it is not running
  return pid;
}

function cluster(...args: string[]): number {
  const t0 = Date.now();
  const res = spawnSync('node', [path.join(ROOT, 'docker/native/cluster.mjs'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`cluster ${args.join(' ')} failed:\n${res.stdout}`);
  return Date.now() - t0;
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

interface ReadModelCheck {
  ordersInView: number;
  closedInView: number;
  timelineRows: number;
  expectedRows: number;
  /** Events applied twice, as seen in the counted (not keyed) read models. */
  duplicates: number;
  missing: number;
  gaps: number;
  /** Score records (one per closed order) for these orders. */
  scoreRecords: number;
  /** How much the monthly matter counters (每月一题) grew during the scenario: one per order. */
  counterDelta: number;
}

const counterTotal = async (db: PgClient) =>
  Number(
    (await db.query<{ n: string }>('SELECT coalesce(sum(orders), 0) AS n FROM matter_month_count'))
      .rows[0]!.n,
  );

async function checkReadModel(
  db: PgClient,
  orders: { orderId: string; lastSequence: number }[],
  counterBefore: number,
) {
  const ids = orders.map((o) => o.orderId);
  const expected = new Map(orders.map((o) => [o.orderId, o.lastSequence]));
  const view = await db.query<{ order_id: string; status: string; last_sequence: number }>(
    'SELECT order_id, status, last_sequence FROM order_view WHERE order_id = ANY($1)',
    [ids],
  );
  const timeline = await db.query<{ order_id: string; sequence: number }>(
    'SELECT order_id, sequence FROM order_timeline WHERE order_id = ANY($1)',
    [ids],
  );
  const gaps = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM projection_gap WHERE aggregate_id = ANY($1)',
    [ids],
  );
  const scores = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM unit_score_record WHERE order_id = ANY($1)',
    [ids],
  );
  let rows = 0;
  const seen = new Map<string, Set<number>>();
  for (const r of timeline.rows) {
    rows++;
    const s = seen.get(r.order_id) ?? new Set<number>();
    s.add(r.sequence);
    seen.set(r.order_id, s);
  }
  let missing = 0;
  for (const [id, last] of expected) {
    const s = seen.get(id) ?? new Set();
    for (let q = 1; q <= last; q++) if (!s.has(q)) missing++;
  }
  const check: ReadModelCheck = {
    ordersInView: view.rows.length,
    closedInView: view.rows.filter(
      (r) => r.status === 'closed' && r.last_sequence === expected.get(r.order_id),
    ).length,
    timelineRows: rows,
    expectedRows: [...expected.values()].reduce((a, b) => a + b, 0),
    missing,
    gaps: gaps.rows[0]!.n,
    scoreRecords: scores.rows[0]!.n,
    counterDelta: (await counterTotal(db)) - counterBefore,
    duplicates: 0,
  };
  // The timeline's key is (order, sequence); an event applied twice shows in what is counted,
  // not keyed: the monthly matter counters and the score records.
  check.duplicates =
    Math.max(0, check.counterDelta - orders.length) +
    Math.max(0, check.scoreRecords - orders.length);
  return check;
}

/** Polls the read model: when each order is first seen closed there (ms since epoch). */
function watchReadModel(db: PgClient, orderIds: () => string[]) {
  const closedAt = new Map<string, number>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const ids = orderIds().filter((id) => !closedAt.has(id));
      if (ids.length) {
        const r = await db
          .query<{ order_id: string }>(
            "SELECT order_id FROM order_view WHERE status = 'closed' AND order_id = ANY($1)",
            [ids],
          )
          .catch(() => ({ rows: [] as { order_id: string }[] }));
        const now = Date.now();
        for (const row of r.rows) closedAt.set(row.order_id, now);
      }
      await new Promise((res) => setTimeout(res, 200));
    }
  })();
  return {
    closedAt,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

interface Result {
  scenario: string;
  killed: string;
  orders: number;
  closed: number;
  failures: string[];
  clientRetries: number;
  baselineStepP99Ms: number;
  stepMaxAfterKillMs: number;
  inFlightStallMs: number;
  readModelLagP50Ms: number;
  readModelLagMaxAfterKillMs: number;
  recoveryMs: number;
  restartMs: number;
  readModel: ReadModelCheck;
  ok: boolean;
}

async function runScenario(s: Scenario, db: PgClient): Promise<Result> {
  const target = await s.target();
  const pid = pidOf(target);
  const runId = newRunId(`fo-${s.label}`);
  const load = new HttpLoad(API, runId);
  const counterBefore = await counterTotal(db);
  const watcher = watchReadModel(db, () => load.orders.map((o) => o.orderId));
  let killAt = 0;
  log(
    `${s.label}: ${ORDERS} orders, ${CONCURRENCY} at a time; kill -9 ${target} (pid ${pid}) after ${KILL_AFTER} closed`,
  );
  await load.run(ORDERS, CONCURRENCY, (done) => {
    if (done === KILL_AFTER && !killAt) {
      killAt = Date.now();
      process.kill(pid, 'SIGKILL');
      log(`${s.label}: killed ${target} at order ${done}`);
    }
  });
  // Every order the API answered for must reach the read model; give the projectors time.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && load.orders.some((o) => !watcher.closedAt.has(o.orderId)))
    await new Promise((r) => setTimeout(r, 250));
  await watcher.stop();
  const readModel = await checkReadModel(db, load.orders, counterBefore);

  const before = load.steps.filter((x) => x.end < killAt);
  const baselineP99 = percentile(
    before.map((x) => x.end - x.start),
    99,
  );
  const after = load.steps.filter((x) => x.end >= killAt);
  const inFlight = after.filter((x) => x.start <= killAt);
  const threshold = Math.max(1000, 3 * baselineP99);
  const affected = (x: StepRecord) => x.end - x.start > threshold || x.retries > 0;
  const apiRecovery = Math.max(0, ...after.filter(affected).map((x) => x.end - killAt));
  const lags = load.orders
    .filter((o) => watcher.closedAt.has(o.orderId))
    .map((o) => ({ o, lag: watcher.closedAt.get(o.orderId)! - o.closedAt }));
  const baselineLags = lags.filter((l) => l.o.closedAt < killAt).map((l) => l.lag);
  const lagThreshold = Math.max(1000, 3 * percentile(baselineLags, 99));
  const lagsAfter = lags.filter((l) => l.o.closedAt >= killAt - 2000);
  const rmRecovery = Math.max(
    0,
    ...lagsAfter
      .filter((l) => l.lag > lagThreshold)
      .map((l) => watcher.closedAt.get(l.o.orderId)! - killAt),
  );

  log(`${s.label}: starting ${target} again …`);
  const restartMs = cluster('start', target);
  const closed = load.orders.length;
  const result: Result = {
    scenario: s.label,
    killed: target,
    orders: ORDERS,
    closed,
    failures: load.failures,
    clientRetries: load.steps.reduce((a, x) => a + x.retries, 0),
    baselineStepP99Ms: baselineP99,
    stepMaxAfterKillMs: Math.max(0, ...after.map((x) => x.end - x.start)),
    inFlightStallMs: Math.max(0, ...inFlight.map((x) => x.end - killAt)),
    readModelLagP50Ms: percentile(
      lags.map((l) => l.lag),
      50,
    ),
    readModelLagMaxAfterKillMs: Math.max(0, ...lagsAfter.map((l) => l.lag)),
    recoveryMs: Math.max(apiRecovery, rmRecovery),
    restartMs,
    readModel,
    ok:
      closed === ORDERS &&
      load.failures.length === 0 &&
      readModel.closedInView === ORDERS &&
      readModel.duplicates === 0 &&
      readModel.missing === 0 &&
      readModel.gaps === 0 &&
      readModel.scoreRecords === ORDERS &&
      readModel.counterDelta === ORDERS &&
      readModel.timelineRows === readModel.expectedRows,
  };
  log(
    `${s.label}: ${result.ok ? 'ok' : 'FAILED'} — recovery ${(result.recoveryMs / 1000).toFixed(1)}s`,
  );
  return result;
}

const sec = (ms: number) => (ms / 1000).toFixed(1);

function table(results: Result[]): string {
  const head = [
    'killed (kill -9)',
    'orders closed',
    'timeline rows · missing · gaps',
    'scores · counter + · dup',
    'client retries',
    'step p99 before',
    'in-flight stall',
    'max step after',
    'read-model lag max after',
    'recovery',
    'restart',
    'result',
  ];
  const rows = results.map((r) => [
    r.killed,
    `${r.closed}/${r.orders}`,
    `${r.readModel.timelineRows}/${r.readModel.expectedRows} · ${r.readModel.missing} · ${r.readModel.gaps}`,
    `${r.readModel.scoreRecords} · +${r.readModel.counterDelta} · ${r.readModel.duplicates}`,
    String(r.clientRetries),
    `${sec(r.baselineStepP99Ms)}s`,
    `${sec(r.inFlightStallMs)}s`,
    `${sec(r.stepMaxAfterKillMs)}s`,
    `${sec(r.readModelLagMaxAfterKillMs)}s`,
    `${sec(r.recoveryMs)}s`,
    `${sec(r.restartMs)}s`,
    r.ok ? 'ok' : 'FAILED',
  ]);
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

async function main() {
  const only = arg('only', '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const scenarios = only.length ? SCENARIOS.filter((s) => only.includes(s.label)) : SCENARIOS;
  log('checking the cluster (npm run cluster -- status) …');
  const st = spawnSync('node', [path.join(ROOT, 'docker/native/cluster.mjs'), 'status'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // The Web UI is not part of the load; every other process must run.
  const down = st.stdout.split('\n').filter((l) => /\bstopped\b/.test(l) && !/temporal-ui/.test(l));
  if (down.length) {
    process.stderr.write(st.stdout);
    throw new Error('the cluster is not fully running: npm run cluster -- up');
  }
  const db = new PgClient({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  const results: Result[] = [];
  try {
    for (const s of scenarios) results.push(await runScenario(s, db));
  } finally {
    await db.end();
  }
  const out = path.join(CLUSTER, 'failover');
  fs.mkdirSync(out, { recursive: true });
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).trim();
  const md = [
    `# Failover on the cluster topology — ${new Date().toISOString()} (commit ${commit})`,
    '',
    `${ORDERS} orders per scenario through the API load balancer, ${CONCURRENCY} at a time; the kill`,
    `comes after ${KILL_AFTER} have closed. Recovery: from the kill until the last operation it slowed`,
    `(over max(1 s, 3× the step p99 before the kill), or retried) completed, and until the read`,
    'model caught up with every order closed after it. Restart: until the process is healthy again.',
    '',
    table(results),
    '',
    ...results.flatMap((r) => r.failures.map((f) => `- ${r.scenario}: ${f}`)),
  ].join('\n');
  fs.writeFileSync(path.join(out, 'latest.json'), JSON.stringify(results, null, 2));
  fs.writeFileSync(path.join(out, 'latest.md'), `${md}\n`);
  console.log(`\n${table(results)}\n`);
  for (const r of results) for (const f of r.failures) console.log(`  ${r.scenario}: ${f}`);
  const bad = results.filter((r) => !r.ok);
  console.log(
    bad.length
      ? `failover: ${bad.length} of ${results.length} scenarios FAILED (${bad.map((r) => r.scenario).join(', ')})`
      : `failover: all ${results.length} scenarios ok — nothing lost, no duplicates in the read model`,
  );
  process.exitCode = bad.length ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(`failover: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
