/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.CONSOLE_API_URL ?? 'http://127.0.0.1:3000';

/**
 * The console is served by the API under /console. JSX goes through Vite's own esbuild (no React
 * plugin: no fast refresh, a full reload on change, which is enough here). The dev server proxies
 * the API's routes to a running API (`npm start`, or CONSOLE_API_URL).
 */
export default defineConfig({
  root,
  base: '/console/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // Ant Design's files start with "use client" (for React server components): meaningless here.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 4200,
    strictPort: true,
    proxy: Object.fromEntries(
      ['/orders', '/whistles', '/views', '/ledgers', '/dev', '/health'].map((p) => [
        p,
        { target: api },
      ]),
    ),
  },
  test: {
    root,
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    setupFiles: ['src/test-setup.ts'],
    reporters: [
      'default',
      fileURLToPath(new URL('./scripts/vitest-summary-reporter.mjs', import.meta.url)),
    ],
  },
});
