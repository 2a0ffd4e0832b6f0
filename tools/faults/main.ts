// npm run faults: the fault-injection suite on servers of its own (see README, "Fault injection").
//   npm run faults -- [--orders 200] [--concurrency 12] [--outage 10] [--only worker,kafka] [--keep]
import 'reflect-metadata';
import { createDataSource, databaseConfigFromEnv } from '@hotline/persistence';
import fs from 'node:fs';
import path from 'node:path';
import { startApps } from './apps';
import { FAULTS_DIR, startPrivateServers } from './private-servers';
import { failures, runScenario, type ScenarioRow, table } from './scenario';

const SCENARIOS = ['worker', 'projector', 'api', 'kafka', 'postgres', 'temporal'] as const;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const log = (line: string) =>
  console.log(`[faults ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function migrate(env: NodeJS.ProcessEnv): Promise<void> {
  const ds = createDataSource(databaseConfigFromEnv(env), 'hotline-faults-migrate');
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

async function main(): Promise<number> {
  const orders = Number(arg('orders', '200'));
  const concurrency = Number(arg('concurrency', '12'));
  const outageSeconds = Number(arg('outage', '10'));
  const only = arg('only', SCENARIOS.join(','))
    .split(',')
    .map((s) => s.trim());
  for (const s of only)
    if (!(SCENARIOS as readonly string[]).includes(s))
      throw new Error(`unknown scenario "${s}": one of ${SCENARIOS.join(', ')}`);

  const servers = await startPrivateServers(log);
  let apps: Awaited<ReturnType<typeof startApps>> | undefined;
  // Interrupted: the servers and apps are this run's children, stop them before leaving.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      log(`${signal}: killing the servers and apps of this run`);
      void Promise.all([
        apps?.worker.kill(),
        apps?.projector.kill(),
        apps?.api.kill(),
        servers.stop(),
      ]).finally(() => process.exit(130));
    });
  const rows: ScenarioRow[] = [];
  try {
    await migrate(servers.env);
    apps = await startApps(servers.env, path.join(FAULTS_DIR, 'logs'), log);
    const targets = {
      ...servers.killable,
      worker: apps.worker,
      projector: apps.projector,
      api: apps.api,
    };
    for (const name of only) {
      const row = await runScenario(
        name,
        targets[name as keyof typeof targets]!,
        apps,
        servers.env,
        {
          orders,
          concurrency,
          outageSeconds,
          requestTimeoutMs: 30_000,
          deadlineMs: Math.max(600_000, orders * 4_000),
          quiescenceTimeoutMs: 180_000,
        },
        log,
      );
      rows.push(row);
      const bad = failures(row);
      log(`${name}: ${bad.length ? bad.join(', ') : 'all checks hold'}`);
      if (row.unfinished.length)
        log(`  ${row.unfinished.length} orders not closed by the load's deadline (still moving)`);
      for (const f of [...row.check.lost, ...row.check.duplicated, ...row.check.stuck].slice(0, 10))
        log(`  ${f.orderId}: ${f.problem}`);
      for (const e of [...new Set(row.http.serverErrors)].slice(0, 10)) log(`  5xx: ${e}`);
      for (const h of row.http.hung.slice(0, 5)) log(`  hung: ${h}`);
      for (const d of [...row.check.deadLetters, ...row.check.gaps].slice(0, 5)) log(`  ${d}`);
    }
  } finally {
    await apps?.stop();
    if (!process.argv.includes('--keep')) await servers.stop();
  }
  const report = table(rows);
  console.log(`\n${report}\n`);
  fs.writeFileSync(path.join(FAULTS_DIR, 'latest.md'), `${report}\n`);
  const bad = rows.flatMap((r) => failures(r).map((f) => `${r.scenario}: ${f}`));
  console.log(
    bad.length
      ? `faults: FAILED — ${bad.join('; ')}`
      : `faults: ${rows.length} scenarios, nothing lost, duplicated or stuck`,
  );
  const lostAnything = rows.some((r) => r.lost > 0 || r.duplicated > 0 || r.stuck > 0);
  return lostAnything || bad.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`faults: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(2);
  },
);
