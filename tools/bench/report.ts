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
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    note: 'one machine running Temporal, Kafka, PostgreSQL, the worker, the projector, the API and the driver — shared with other work, so figures are noisy',
  };
}

type Lifecycle = {
  ordersPerSecond: number;
  seconds: number;
  p50Ms: number | null;
  p99Ms: number | null;
};

/* eslint-disable @typescript-eslint/no-explicit-any -- a report is free-form JSON */
const f = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined ? '-' : n.toFixed(digits);

function mainMarkdown(r: any): { markdown: string; summary: string } {
  const lines = [`# Benchmark ${r.at}`, ''];
  lines.push(
    `Temporal: ${r.server.kind === 'shared' ? 'the shared dev server' : `a dev server of the run's own (${r.server.kind})`} at ${r.server.address}, namespace \`${r.server.namespace}\`.`,
    '',
    '| Measure | Value |',
    '|---|---|',
  );
  const summary: string[] = [];
  if (r.intakeInline) {
    for (const s of r.intakeInline.steps) {
      lines.push(
        `| Intake before (start awaited, API_INTAKE_START=inline), ${s.concurrency} callers | ${f(s.intakesPerSecond)} orders/s, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms${Object.keys(s.refused).length ? `, refused ${JSON.stringify(s.refused)}` : ''}; load ${s.load1} |`,
      );
    }
    const b = r.intakeInline.bestUnderOneSecondP99;
    lines.push(
      `| Intake before, best with p99 < 1 s | **${b ? `${f(b.intakesPerSecond)} orders/s at ${b.concurrency} callers (p99 ${b.p99Ms} ms)` : 'none'}** |`,
    );
    summary.push(`intake before ${b ? f(b.intakesPerSecond) : '-'}/s`);
  }
  if (r.intake) {
    const b = r.intake.bestUnderOneSecondP99;
    // Every API measured (--intake-apis), labelled; one API alone keeps the former rows.
    const apis: [string, any][] = Object.entries(r.intake.apis ?? {});
    const runs: [string, any][] =
      apis.length > 1 ? apis : [['', { steps: r.intake.steps, bestUnderOneSecondP99: b }]];
    for (const [label, run] of runs) {
      const who = label ? ` (${label})` : '';
      for (const s of run.steps) {
        lines.push(
          `| Intake${who}, ${s.concurrency} callers at a time | ${f(s.intakesPerSecond)} orders/s, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms${Object.keys(s.refused).length ? `, refused ${JSON.stringify(s.refused)}` : ''}${s.apiCpuMsPerCall !== undefined ? `; API CPU ${s.apiCpuMsPerCall} ms/call` : ''}${s.workflowStart ? `; workflow running after the answer p50 ${s.workflowStart.p50Ms} ms, p99 ${s.workflowStart.p99Ms} ms, max ${s.workflowStart.maxMs} ms (backlog ${s.workflowStart.backlogAtEnd} at the step's end, drained in ${s.workflowStart.drainMs} ms)` : ''}${s.load1 !== undefined ? `; load ${s.load1}` : ''} |`,
        );
      }
      if (label) {
        const best = run.bestUnderOneSecondP99;
        lines.push(
          `| Intake${who}, best with p99 < 1 s | **${best ? `${f(best.intakesPerSecond)} orders/s at ${best.concurrency} callers (p99 ${best.p99Ms} ms, load ${best.load1})` : 'none'}** |`,
        );
        summary.push(`intake ${label} ${best ? f(best.intakesPerSecond) : '-'}/s`);
      }
    }
    lines.push(
      `| Intake, best with p99 < 1 s${apis.length > 1 ? ` (${apis[apis.length - 1]![0]})` : ''} | **${b ? `${f(b.intakesPerSecond)} orders/s at ${b.concurrency} callers (p99 ${b.p99Ms} ms)` : 'none'}**; rate limit ${r.intake.rateLimit.perMinutePerToken}/min per token, ${r.settings.intakeTokens} tokens; the limiter itself costs ${f(r.intake.rateLimit.microsPerRequest, 2)} µs a request |`,
    );
    summary.push(`intake ${b ? f(b.intakesPerSecond) : '-'}/s (p99<1s)`);
  }
  if (r.lifecycles) {
    const l = r.lifecycles;
    const row = (name: string, x: Lifecycle) =>
      `| ${name} | ${f(x.ordersPerSecond, 2)} lifecycles/s (${f(x.seconds)} s; one order p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms) |`;
    lines.push(
      row('Order lifecycles (real workflow)', l.real),
      row('Yardstick: same shape, no-op activities', l.bare),
      row('Yardstick: minimal (4 updates, no activity)', l.minimal),
      `| Real / minimal | **${f(l.realToMinimal * 100, 0)} %** (real / same-shape: ${l.realToBare === null ? '-' : f(l.realToBare * 100, 0)} %) |`,
      `| Lifecycle events → read model | p50 ${r.lifecycleLag.p50Ms} ms, p99 ${r.lifecycleLag.p99Ms} ms (${r.lifecycleLag.events} events; Kafka → read model p50 ${r.lifecycleLag.fromKafka.p50Ms} ms, p99 ${r.lifecycleLag.fromKafka.p99Ms} ms) |`,
    );
    summary.push(
      `lifecycles ${f(l.real.ordersPerSecond, 2)}/s = ${f(l.realToMinimal * 100, 0)}% of minimal ${f(l.minimal.ordersPerSecond, 2)}/s`,
    );
  }
  if (r.lifecycleBundles) {
    const minimal = r.lifecycleBundles.minimal;
    const cpu = (x: any) =>
      x.cpuMsPerLifecycle
        ? `; CPU ms per lifecycle ${x.cpuMsPerLifecycle.total} (Temporal ${x.cpuMsPerLifecycle.temporal}, Kafka ${x.cpuMsPerLifecycle.kafka}, PostgreSQL ${x.cpuMsPerLifecycle.postgres}, bench process ${x.cpuMsPerLifecycle.bench})`
        : '';
    for (const [label, x] of Object.entries<any>(r.lifecycleBundles)) {
      const ratio =
        label === 'minimal'
          ? ''
          : `; ${f((x.ordersPerSecond / minimal.ordersPerSecond) * 100, 0)} % of minimal${x.cpuMsPerLifecycle && minimal.cpuMsPerLifecycle ? ` (by CPU: ${f((minimal.cpuMsPerLifecycle.total / x.cpuMsPerLifecycle.total) * 100, 0)} %)` : ''}`;
      lines.push(
        `| Lifecycles, ${label === 'minimal' ? 'minimal workflow' : `bundle ${label}`} | ${f(x.ordersPerSecond, 2)}/s (p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms)${ratio}${cpu(x)}; load ${x.load1} |`,
      );
    }
  }
  if (r.offeredLoad) {
    const o = r.offeredLoad;
    lines.push(
      `| Lag at ${o.offeredPerSecond} new orders/s offered (${o.started} orders) | **p50 ${o.lag.p50Ms} ms, p99 ${o.lag.p99Ms} ms** (max ${o.lag.maxMs} ms, ${o.events}/${o.expectedEvents} events; Kafka → read model p99 ${o.fromKafka.p99Ms} ms); started ${f(o.startedPerSecond)}/s, start p99 ${o.startP99Ms} ms; ${o.sustained ? 'sustained' : `NOT sustained (driver behind ${o.driverBehindMs} ms, drained in ${f(o.drainSeconds)} s)`} |`,
    );
    summary.push(
      `lag p99 ${o.lag.p99Ms} ms @${o.offeredPerSecond}/s${o.sustained ? '' : ' (not sustained)'}`,
    );
  }
  if (r.rebuild) {
    lines.push(
      `| Rebuild (all read models, ${r.rebuild.events} events) | **${f(r.rebuild.applyEventsPerSecond, 0)} events/s** applying (${f(r.rebuild.toRaw * 100, 0)} % of the raw read); ${f(r.rebuild.eventsPerSecond, 0)} events/s for the whole command; identical to live: ${r.rebuild.identicalToLive ? 'yes' : `NO (${r.rebuild.different.join(', ')})`} |`,
      `| kafkajs read alone | ${f(r.rawConsume.eventsPerSecond, 0)} events/s raw; ${f(r.validatedConsume.eventsPerSecond, 0)} events/s parsed and validated |`,
    );
    summary.push(
      `rebuild ${f(r.rebuild.applyEventsPerSecond, 0)} ev/s = ${f(r.rebuild.toRaw * 100, 0)}% of raw`,
    );
  }
  if (r.projectorLever) {
    const p = r.projectorLever;
    lines.push(
      `| Projector lever alone (same events) | one transaction per event ${f(p.perEvent.eventsPerSecond, 0)} events/s → per batch ${f(p.perBatch.eventsPerSecond, 0)} events/s (×${f(p.speedup, 2)}) |`,
    );
  }
  if (r.publisherLever) {
    const p = r.publisherLever;
    lines.push(
      `| Producer micro-batching alone (${p.perCall.events} one-event publishes, 50 at a time) | one send per publish ${f(p.perCall.eventsPerSecond, 0)} events/s (p99 ${p.perCall.p99Ms} ms, load ${p.perCall.load1}) → one sendBatch per tick ${f(p.microBatched.eventsPerSecond, 0)} events/s (p99 ${p.microBatched.p99Ms} ms, load ${p.microBatched.load1}), ×${f(p.speedup, 2)}; validating one event ${f(p.validateMicrosPerEvent, 1)} µs, once per event |`,
    );
    summary.push(`publish ×${f(p.speedup, 2)} micro-batched`);
  }
  if (r.openOrders) {
    const o = r.openOrders;
    lines.push(
      `| Open orders held | **${o.open}** (opened at ${f(o.openedPerSecond)}/s); worker RSS ${o.workerRssMiB.beforeOrders} MiB before, **${o.workerRssMiB.withOrdersOpen} MiB** with them open (${o.cachedWorkflows?.withOrdersOpen ?? '-'} workflows in the sticky cache, at most ${o.cachedWorkflows?.max ?? '-'}), ${o.workerRssMiB.afterLifecycles} MiB after the lifecycles |`,
      `| Worker cold restart (SIGKILL → ready) | **${o.coldRestart.prebuiltReadyMs} ms** with the bundle built ahead of time (first lifecycle done ${o.coldRestart.prebuiltFirstLifecycleMs} ms after start); ${o.coldRestart.webpackReadyMs} ms bundling at start |`,
      `| Lifecycles while they are open | ${f(o.lifecyclesWhileOpen.ordersPerSecond, 2)}/s (p50 ${o.lifecyclesWhileOpen.p50Ms} ms, p99 ${o.lifecyclesWhileOpen.p99Ms} ms) |`,
    );
    summary.push(
      `${o.open} open: worker ${o.workerRssMiB.withOrdersOpen} MiB, restart ${o.coldRestart.prebuiltReadyMs} ms`,
    );
  }
  const m = r.machine;
  lines.push(
    '',
    `Machine: ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; PostgreSQL ${m.postgres}; Kafka ${m.kafka}; Temporal ${m.temporal}; load average at the end ${m.loadAverage} — ${m.note}.`,
    '',
  );
  return { markdown: lines.join('\n'), summary: `bench: ${summary.join('; ')}` };
}

function leversMarkdown(r: any): { markdown: string; summary: string } {
  const lines = [
    `# Dev-server settings, one at a time (${r.at})`,
    '',
    `${r.settings.orders} lifecycles of each workflow, ${r.settings.concurrency} at a time, each setting on a fresh dev server of the run's own.`,
    '',
    '| Server | Flags | Real lifecycles/s | Minimal/s | Real/minimal | Order p99 | Lag p99 |',
    '|---|---|---|---|---|---|---|',
  ];
  const summary: string[] = [];
  for (const [name, s] of Object.entries<any>(r.servers)) {
    lines.push(
      `| ${name} | ${s.flags.join(' ') || '(defaults)'} | ${f(s.real.ordersPerSecond, 2)} | ${f(s.minimal.ordersPerSecond, 2)} | ${f(s.realToMinimal * 100, 0)} % | ${s.real.p99Ms} ms | ${s.lag.p99Ms} ms |`,
    );
    summary.push(`${name} ${f(s.real.ordersPerSecond, 2)}/${f(s.minimal.ordersPerSecond, 2)}`);
  }
  lines.push('');
  return {
    markdown: lines.join('\n'),
    summary: `levers (real/minimal lifecycles/s): ${summary.join('; ')}`,
  };
}

export async function writeReport(r: any, kind: 'bench' | 'levers' = 'bench') {
  const { markdown, summary } = kind === 'levers' ? leversMarkdown(r) : mainMarkdown(r);
  await mkdir(OUT, { recursive: true });
  const stamp = String(r.at).replace(/[:.]/g, '-');
  const json = `${JSON.stringify({ ...r, summary }, null, 2)}\n`;
  const name = kind === 'levers' ? 'levers' : 'latest';
  const jsonPath = path.join(OUT, `${name}.json`);
  const markdownPath = path.join(OUT, `${name}.md`);
  await writeFile(jsonPath, json);
  await writeFile(markdownPath, `${markdown}\n${summary}\n`);
  await writeFile(path.join(OUT, `${stamp}${kind === 'levers' ? '-levers' : ''}.json`), json);
  return { jsonPath, markdownPath, markdown, summary };
}
