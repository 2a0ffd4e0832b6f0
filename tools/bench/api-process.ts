import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { type StarterProbe } from './intake';

const OUT = path.resolve(__dirname, '../../.data/bench');

/** A free TCP port on the loopback address. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ApiProcess {
  url: string;
  authSecret: string;
  pid: number;
  logPath: string;
  /** The CPU profile's directory when started with `cpuProfile` (written at exit). */
  profileDir?: string;
  /** CPU time the process used so far (user + system), in ms (/proc/<pid>/stat). */
  cpuMs(): number;
  /**
   * The intake series of its Prometheus metrics (API_METRICS_PORT): starts by outcome, the
   * group commit's statements and calls — `name{labels}` → value.
   */
  intakeMetrics(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The API in a process of its own, started as `npm start` starts it (`node -r @swc-node/register
 * apps/api/src/main.ts`) but with the production rules: NODE_ENV=production, secrets of its own,
 * request logging at its default level (info, one line per request) into a file. `root` is the
 * source tree it runs from (another checkout measures the code before a change in the same run).
 */
export async function startApiProcess(o: {
  env: NodeJS.ProcessEnv;
  root?: string;
  label: string;
  cpuProfile?: boolean;
  log: (line: string) => void;
}): Promise<ApiProcess> {
  const root = path.resolve(o.root ?? path.resolve(__dirname, '../..'));
  const port = await freePort();
  const metricsPort = await freePort();
  const authSecret = randomBytes(32).toString('base64');
  await mkdir(OUT, { recursive: true });
  const stamp = `${o.label}-${Date.now().toString(36)}`;
  const logPath = path.join(OUT, `api-${stamp}.log`);
  const profileDir = o.cpuProfile ? path.join(OUT, `profile-${stamp}`) : undefined;
  const env: NodeJS.ProcessEnv = {
    ...o.env,
    NODE_ENV: 'production',
    LOG_LEVEL: undefined,
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    API_METRICS_PORT: String(metricsPort),
    AUTH_JWT_SECRET: authSecret,
    PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
    SWC_NODE_PROJECT: path.join(root, 'tsconfig.json'),
  };
  delete env.LOG_LEVEL;
  const args = [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    '-r',
    '@swc-node/register',
    path.join(root, 'apps/api/src/main.ts'),
  ];
  const out = createWriteStream(logPath);
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`the ${o.label} API exited during start-up (log: ${logPath})`);
    const res = await fetch(`${url}/health`).catch(() => null);
    if (res) {
      await res.text();
      break;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the ${o.label} API did not answer within 120 s (log: ${logPath})`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  o.log(
    `API (${o.label}) pid ${child.pid} on ${url}, log ${path.relative(process.cwd(), logPath)}`,
  );
  return {
    url,
    authSecret,
    pid: child.pid!,
    logPath,
    ...(profileDir ? { profileDir } : {}),
    cpuMs: () => cpuMsOf(child.pid!),
    async intakeMetrics() {
      const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).catch(() => null);
      if (!res?.ok) return {};
      const out: Record<string, number> = {};
      for (const line of (await res.text()).split('\n')) {
        const m = /^(hotline_api_intake_\S+)\s+(\S+)$/.exec(line);
        if (m) out[m[1]!] = Number(m[2]);
      }
      return out;
    },
    async stop() {
      if (!exited) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exit;
      clearTimeout(killer);
      out.end();
    },
  };
}

/**
 * What the API's starter did, read from outside the process: accepted (the intake row's
 * created_at, the database's clock at the intake read) → started (workflow_started_at, the time
 * the start call returned, written in batches every 200 ms); the backlog is the rows not marked
 * yet, so it drains up to 200 ms after the last start.
 */
export function databaseStarterProbe(
  databaseUrl: string,
): StarterProbe & { close(): Promise<void> } {
  const pg = new Client({ connectionString: databaseUrl });
  const connected = pg.connect();
  return {
    async backlog(keyPrefix: string) {
      await connected;
      const { rows } = await pg.query<{ n: string }>(
        `SELECT count(*) AS n FROM order_intake
          WHERE idempotency_key LIKE $1 || '%' AND workflow_started_at IS NULL`,
        [keyPrefix],
      );
      return Number(rows[0]!.n);
    },
    async delays(keyPrefix: string) {
      await connected;
      const { rows } = await pg.query<{ ms: number }>(
        `SELECT extract(epoch FROM workflow_started_at - created_at) * 1000 AS ms FROM order_intake
          WHERE idempotency_key LIKE $1 || '%' AND workflow_started_at IS NOT NULL`,
        [keyPrefix],
      );
      return rows.map((r) => Number(r.ms));
    },
    async close() {
      await connected;
      await pg.end();
    },
  };
}
