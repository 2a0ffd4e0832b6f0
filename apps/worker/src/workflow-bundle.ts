import { bundleWorkflowCode, type WorkerOptions } from '@temporalio/worker';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TsconfigPathsPlugin } from 'tsconfig-paths-webpack-plugin';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * How the worker finds and bundles the workflow code: from source, with the monorepo's tsconfig
 * path aliases resolved by webpack (the bundler ignores tsconfig paths on its own).
 */
export const workflowBundleOptions: Pick<WorkerOptions, 'workflowsPath' | 'bundlerOptions'> = {
  workflowsPath: path.join(ROOT, 'workflows/src/index.ts'),
  bundlerOptions: {
    webpackConfigHook: (config) => {
      config.resolve ??= {};
      config.resolve.plugins = [
        ...(config.resolve.plugins ?? []),
        new TsconfigPathsPlugin({
          configFile: path.join(ROOT, 'tsconfig.base.json'),
          extensions: ['.ts', '.js'],
        }),
      ];
      return config;
    },
  },
};

/** Where `npm run bundle` writes the workflow bundle built ahead of time. */
export const PREBUILT_BUNDLE_PATH = path.join(ROOT, '.data/worker/workflow-bundle.js');

let built: Promise<{ code: string }> | undefined;

/**
 * The workflow code for Worker.create, built ahead of time: the file named by
 * WORKFLOW_BUNDLE_PATH (written by `npm run bundle` at deploy time) when set, so a worker
 * restarts without webpack; otherwise bundled once per process and shared by every worker
 * started in it (tests, the benchmark), instead of once per Worker.create.
 */
export async function workflowBundle(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Pick<WorkerOptions, 'workflowBundle'>> {
  const file = env.WORKFLOW_BUNDLE_PATH;
  if (file) {
    if (!existsSync(file)) {
      throw new Error(`WORKFLOW_BUNDLE_PATH=${file} does not exist: run \`npm run bundle\` first`);
    }
    return { workflowBundle: { code: readFileSync(file, 'utf8') } };
  }
  built ??= bundleWorkflowCode({
    workflowsPath: workflowBundleOptions.workflowsPath!,
    ...(workflowBundleOptions.bundlerOptions ?? {}),
    logger: quietLogger,
  });
  return { workflowBundle: await built };
}

/** Writes the bundle to a file for WORKFLOW_BUNDLE_PATH; returns its path and size. */
export async function writeWorkflowBundle(file = PREBUILT_BUNDLE_PATH) {
  const { code } = await bundleWorkflowCode({
    workflowsPath: workflowBundleOptions.workflowsPath!,
    ...(workflowBundleOptions.bundlerOptions ?? {}),
  });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, code);
  return { file, bytes: Buffer.byteLength(code) };
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
