import { type DatabaseConfig } from '@hotline/persistence';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

const OUT = path.resolve(__dirname, '../../.data/bench');

export async function machine(database: DatabaseConfig) {
  const pg = new Client({ connectionString: database.url });
  await pg.connect();
  const { rows } = await pg.query<{ server_version: string }>('SHOW server_version');
  await pg.end();
  const cpus = os.cpus();
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: rows[0]?.server_version ?? 'unknown',
    kafka: '3.9.1 (one KRaft broker), kafkajs 2.2.4',
    temporal: 'temporal server start-dev (CLI 1.9.1, server 1.32.0, SQLite), SDK 1.24.0',
    note: 'one machine running Temporal, Kafka, PostgreSQL, the worker, the projector and the driver',
  };
}

type Report = Record<string, unknown> & {
  at: string;
  machine: Awaited<ReturnType<typeof machine>>;
  settings: { orders: number; concurrency: number };
  lifecycle: {
    ordersPerSecond: number;
    seconds: number;
    orderMillisP50: number | null;
    orderMillisP99: number | null;
  };
  lag: {
    p50Ms: number | null;
    p99Ms: number | null;
    maxMs: number;
    events: number;
    fromKafkaP50Ms: number | null;
    fromKafkaP99Ms: number | null;
  };
  bareWorkflow: { ordersPerSecond: number; seconds: number };
  realToBareRatio: number;
  rebuild: {
    events: number;
    eventsPerSecond: number;
    applyEventsPerSecond: number;
    identicalToLive: boolean;
  };
  rawConsume: { eventsPerSecond: number; events: number };
  validatedConsume: { eventsPerSecond: number };
};

const f = (n: number | null, digits = 1) => (n === null ? '-' : n.toFixed(digits));

export async function writeReport(r: Report) {
  const markdown = [
    `# Benchmark ${r.at}`,
    '',
    `${r.settings.orders} orders, ${r.settings.concurrency} at a time, each driven through its whole lifecycle ` +
      '(intake → dispatch → 签收 → 响应 → 办结 → 回访 → closed) on the real stack.',
    '',
    '| Measure | Value |',
    '|---|---|',
    `| Order lifecycles | **${f(r.lifecycle.ordersPerSecond, 2)} orders/s** (${f(r.lifecycle.seconds)} s; one order p50 ${r.lifecycle.orderMillisP50} ms, p99 ${r.lifecycle.orderMillisP99} ms) |`,
    `| Event → read model lag | **p50 ${r.lag.p50Ms} ms, p99 ${r.lag.p99Ms} ms** (max ${r.lag.maxMs} ms, ${r.lag.events} events), from the event's time in the workflow to its commit |`,
    `| of which Kafka → read model | p50 ${r.lag.fromKafkaP50Ms} ms, p99 ${r.lag.fromKafkaP99Ms} ms (the rest is the workflow's publish activity) |`,
    `| Bare workflow, same shape, no-op activities | ${f(r.bareWorkflow.ordersPerSecond, 2)} orders/s (${f(r.bareWorkflow.seconds)} s) |`,
    `| Real / bare | **${f(r.realToBareRatio * 100, 0)} %** of what this Temporal server does with no work in the activities |`,
    `| Rebuild (all read models, ${r.rebuild.events} events) | **${f(r.rebuild.applyEventsPerSecond, 0)} events/s** applying; ${f(r.rebuild.eventsPerSecond, 0)} events/s for the whole command; identical to live: ${r.rebuild.identicalToLive ? 'yes' : 'NO'} |`,
    `| kafkajs read alone | **${f(r.rawConsume.eventsPerSecond, 0)} events/s** raw; ${f(r.validatedConsume.eventsPerSecond, 0)} events/s parsed and validated |`,
    '',
    `Machine: ${r.machine.cpu}, ${r.machine.memoryGiB} GiB, ${r.machine.os}, Node ${r.machine.node}; PostgreSQL ${r.machine.postgres}; Kafka ${r.machine.kafka}; Temporal ${r.machine.temporal} — ${r.machine.note}.`,
    '',
  ].join('\n');
  await mkdir(OUT, { recursive: true });
  const stamp = r.at.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(r, null, 2)}\n`;
  const jsonPath = path.join(OUT, 'latest.json');
  const markdownPath = path.join(OUT, 'latest.md');
  await writeFile(jsonPath, json);
  await writeFile(markdownPath, markdown);
  await writeFile(path.join(OUT, `${stamp}.json`), json);
  return { jsonPath, markdownPath, markdown };
}
