import { defineConfig } from '@playwright/test';
import path from 'node:path';

/**
 * Browser tests of the console, on Debian's Chromium (browser downloads are impossible here),
 * against the API, worker and projector that src/run.ts starts on the real stack.
 */
export default defineConfig({
  testDir: './src',
  testMatch: '**/*.e2e.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  outputDir: path.resolve(__dirname, '../../.data/console-e2e/results'),
  reporter: [['list'], [path.resolve(__dirname, 'src/summary-reporter.ts')]],
  use: {
    baseURL: process.env.CONSOLE_E2E_URL,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
