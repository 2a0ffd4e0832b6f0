// The console's browser tests on the real stack: starts the API (serving the built console),
// the worker and the projector in this process — isolated like apps/e2e (a database schema and
// Kafka topics of this run's own, a task queue of its own) on a free port, never 3000 — then
// runs Playwright against it and stops everything.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { type AddressInfo } from 'node:net';
import path from 'node:path';
import { startTestSystem } from '../../e2e/src/test-system';

const ROOT = path.resolve(__dirname, '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function main(): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(
      `Chromium is missing at ${CHROMIUM}: install it with apt-get install chromium (npm test does).`,
    );
    return 1;
  }
  if (!fs.existsSync(path.join(ROOT, 'apps/console/dist/index.html'))) {
    console.error('The console is not built: npx nx run console:build');
    return 1;
  }
  process.env.API_RATE_LIMIT_PER_MINUTE ??= '100000';
  // The apps' request log would drown Playwright's list; errors still show.
  process.env.LOG_LEVEL ??= 'error';
  const system = await startTestSystem({ isolated: true });
  try {
    await system.api.app.listen(0, '127.0.0.1');
    const { port } = system.api.app.getHttpServer().address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    console.log(`console-e2e: api, worker and projector running; console at ${url}/console`);
    // Asynchronously: the apps run in this process and must keep serving while Playwright runs.
    const child = spawn(
      process.execPath,
      [
        require.resolve('@playwright/test/cli'),
        'test',
        '-c',
        'apps/console-e2e/playwright.config.ts',
        ...process.argv.slice(2),
      ],
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, CONSOLE_E2E_URL: url } },
    );
    return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  } finally {
    await system.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
