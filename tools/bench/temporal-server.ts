import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TEMPORAL = path.join(ROOT, '.data/venv/bin/temporal');

/** The dev server's load settings (docker/native/temporal-tuning.json) as start-dev flags. */
export function tuningFlags(which: ServerTuning): string[] {
  if (which === 'default') return [];
  const t = JSON.parse(
    readFileSync(path.join(ROOT, 'docker/native/temporal-tuning.json'), 'utf8'),
  ) as {
    sqlitePragmas: string[];
    dynamicConfig: string[];
  };
  const pragmas = t.sqlitePragmas.flatMap((p) => ['--sqlite-pragma', p]);
  const dynamic = (match: string) =>
    t.dynamicConfig.filter((v) => v.includes(match)).flatMap((v) => ['--dynamic-config-value', v]);
  switch (which) {
    case 'wal':
      return pragmas;
    case 'sa-cache':
      return dynamic('SearchAttributesCache');
    case 'eager':
      return dynamic('EagerExecution');
    case 'tuned':
      return [...pragmas, ...t.dynamicConfig.flatMap((v) => ['--dynamic-config-value', v])];
  }
}

/** default: start-dev as npm start runs it; the others: one lever alone, or all of them. */
export type ServerTuning = 'default' | 'wal' | 'sa-cache' | 'eager' | 'tuned';

export interface OwnServer {
  address: string;
  stop(): Promise<void>;
}

/**
 * A Temporal dev server of the benchmark's own (its own SQLite file and ports, removed at the
 * end), so server settings can be compared without touching the shared one.
 */
export async function startOwnServer(tuning: ServerTuning, port: number): Promise<OwnServer> {
  const db = path.join(ROOT, `.data/bench/temporal-${port}-${Date.now().toString(36)}.db`);
  const attrs = searchAttributes().flatMap(([k, t]) => ['--search-attribute', `${k}=${t}`]);
  const child: ChildProcess = spawn(
    TEMPORAL,
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--headless',
      '--db-filename',
      db,
      '--log-level',
      'error',
      ...attrs,
      ...tuningFlags(tuning),
    ],
    { stdio: 'ignore' },
  );
  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await healthy(address))) {
    if (child.exitCode !== null) throw new Error(`temporal start-dev (${tuning}) exited`);
    if (Date.now() > deadline) throw new Error(`temporal start-dev (${tuning}) did not come up`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    address,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      for (const f of [db, `${db}-wal`, `${db}-shm`]) if (existsSync(f)) rmSync(f);
    },
  };
}

async function healthy(address: string): Promise<boolean> {
  const [host, port] = address.split(':');
  const open = await new Promise<boolean>((resolve) => {
    const s = createConnection({ host, port: Number(port) }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
  if (!open) return false;
  const r = cli(['operator', 'cluster', 'health', '--address', address]);
  return r.status === 0 && /SERVING/.test(r.stdout);
}

function searchAttributes(): [string, string][] {
  const file = path.join(ROOT, 'libs/temporal/search-attributes.json');
  return Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>).filter(
    ([k]) => !k.startsWith('/'),
  );
}

function cli(args: string[]) {
  const r = spawnSync(TEMPORAL, args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/**
 * Makes sure the benchmark's namespace exists with the hotline's search attributes, so no
 * benchmark workflow ever lands in the namespace operators look at.
 */
export async function ensureNamespace(address: string, namespace: string): Promise<void> {
  if (
    cli(['operator', 'namespace', 'describe', '--namespace', namespace, '--address', address])
      .status !== 0
  ) {
    const r = cli([
      'operator',
      'namespace',
      'create',
      '--namespace',
      namespace,
      '--address',
      address,
      '--retention',
      '24h',
      '--description',
      'npm run bench: load-test workflows, terminated at the end of each run',
    ]);
    if (r.status !== 0 && !/already/i.test(r.stderr)) {
      throw new Error(`cannot create namespace ${namespace}: ${r.stderr.trim()}`);
    }
  }
  const missing = () => {
    const r = cli([
      'operator',
      'search-attribute',
      'list',
      '--namespace',
      namespace,
      '--address',
      address,
    ]);
    return searchAttributes().filter(([k]) => !r.stdout.includes(k));
  };
  for (let tries = 0; ; tries++) {
    const todo = missing();
    if (todo.length === 0) break;
    if (tries > 40) throw new Error(`search attributes not registered in ${namespace}: ${todo}`);
    cli([
      'operator',
      'search-attribute',
      'create',
      '--namespace',
      namespace,
      '--address',
      address,
      ...todo.flatMap(([k, t]) => ['--name', k, '--type', t]),
    ]);
    await new Promise((r) => setTimeout(r, 500));
  }
  // A new namespace takes a moment to reach every service's cache.
  for (let tries = 0; tries < 60; tries++) {
    const r = cli(['workflow', 'count', '--namespace', namespace, '--address', address]);
    if (r.status === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`namespace ${namespace} did not become usable`);
}

/** Terminates whatever this run left running on its task queues in the bench namespace. */
export function terminateRun(address: string, namespace: string, taskQueues: string[]): void {
  const r = cli([
    'workflow',
    'terminate',
    '--namespace',
    namespace,
    '--address',
    address,
    '--query',
    `ExecutionStatus = 'Running' AND TaskQueue IN (${taskQueues.map((q) => `'${q}'`).join(', ')})`,
    '--reason',
    'end of benchmark run',
    '--yes',
  ]);
  if (r.status !== 0) process.stderr.write(`bench: terminating left-overs failed: ${r.stderr}\n`);
}
