import path from 'node:path';
import { apiConfigFromEnv } from '../../apps/api/src/api-config';
import { type Role, signToken } from '../../apps/api/src/auth/jwt';
import { ManagedProcess } from './processes';

const ROOT = path.resolve(__dirname, '../..');

export interface Apps {
  worker: ManagedProcess;
  projector: ManagedProcess;
  api: ManagedProcess;
  baseUrl: string;
  /** A bearer token signed with the API's key. */
  token(role: Role, unitId?: string): string;
  stop(): Promise<void>;
}

/**
 * The three apps as child processes of this run (so that each can be SIGKILLed and started again),
 * with `env` saying where the servers are and which topics, task queue and group are theirs.
 */
export async function startApps(
  env: NodeJS.ProcessEnv,
  logDir: string,
  log: (line: string) => void,
): Promise<Apps> {
  const full: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    API_HOST: '127.0.0.1',
    // The load comes from one address with a few tokens: the limiter must not shape it.
    API_RATE_LIMIT_PER_MINUTE: '1000000',
    ...env,
    SWC_NODE_PROJECT: 'tsconfig.json',
    NO_COLOR: '1',
  };
  const port = Number(full.API_PORT);
  const baseUrl = `http://127.0.0.1:${port}`;
  const app = (name: string, ready: () => Promise<boolean>) => {
    const logFile = path.join(logDir, `${name}.log`);
    return new ManagedProcess({
      name,
      command: process.execPath,
      args: ['-r', '@swc-node/register', `apps/${name}/src/main.ts`],
      cwd: ROOT,
      env: full,
      logFile,
      readyTimeoutMs: 180_000,
      ready,
    });
  };
  const logSays = (name: string, text: string) => async () => {
    const { readFileSync } = await import('node:fs');
    const content = readFileSync(path.join(logDir, `${name}.log`), 'utf8');
    // Only what this start wrote: after the last start marker.
    return content.slice(content.lastIndexOf(`=== `)).includes(text);
  };
  const apps = {
    worker: app('worker', logSays('worker', 'worker ready')),
    projector: app('projector', logSays('projector', 'projector ready')),
    api: app('api', async () => {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      return res.ok;
    }),
  };
  for (const a of Object.values(apps)) {
    log(`starting ${a.spec.name}`);
    await a.start();
  }
  const config = apiConfigFromEnv(full);
  return {
    ...apps,
    baseUrl,
    token: (role, unitId) =>
      signToken(
        { sub: `faults-${role}-${unitId ?? 'x'}`, role, ...(unitId ? { unitId } : {}) },
        config.authSecret,
        6 * 3600,
      ),
    async stop() {
      for (const a of [apps.api, apps.projector, apps.worker]) await a.stop();
    },
  };
}
