import { type WorkerOptions } from '@temporalio/worker';
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
