import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.data/**',
      '.nx/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The domain is pure: no framework, no `any`.
    files: ['libs/domain/**/*.ts', 'libs/process/**/*.ts', 'workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'kafkajs',
                'typeorm',
                'pg',
                '@hotline/persistence',
                '@hotline/messaging',
              ],
              message: 'Keep frameworks and I/O out of pure code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', '@temporalio/*', 'kafkajs', 'typeorm', 'pg', '@hotline/*'],
              message: 'libs/domain imports no framework and no other lib.',
            },
          ],
        },
      ],
    },
  },
  {
    // Documents rendered from domain models: no framework, no database, no broker.
    files: ['libs/reports/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                '@temporalio/*',
                'kafkajs',
                'typeorm',
                'pg',
                '@hotline/persistence',
                '@hotline/messaging',
              ],
              message: 'libs/reports renders documents; it reads no database and no broker.',
            },
          ],
        },
      ],
    },
  },
  {
    // The deciders: rules from @hotline/domain, events from @hotline/contracts, nothing of Temporal.
    files: ['libs/process/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@temporalio/*',
                '@nestjs/*',
                'kafkajs',
                'typeorm',
                'pg',
                'node:*',
                '@hotline/persistence',
                '@hotline/messaging',
                '@hotline/temporal',
                '@hotline/temporal/*',
                '@hotline/workflows',
              ],
              message: 'libs/process is pure: Temporal and I/O belong to workflows/ and the apps.',
            },
          ],
        },
      ],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no client, no worker, no Node APIs.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@temporalio/client',
                '@temporalio/worker',
                'node:*',
                '@nestjs/*',
                'kafkajs',
                'typeorm',
                'pg',
                '@hotline/persistence',
                '@hotline/messaging',
              ],
              message: 'Workflow code is deterministic: no client, worker, Node API or I/O here.',
            },
          ],
        },
      ],
    },
  },
  {
    // What the workflow bundle carries: the worker re-initialises every module of it for each new
    // workflow, so workflow code and the deciders it runs import no barrel that drags in zod,
    // parsers or reference-data JSON. Types from anywhere are fine (erased before bundling).
    files: ['workflows/src/**/*.ts', 'libs/process/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'libs/process/src/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@hotline/domain',
              allowTypeImports: true,
              message:
                'The @hotline/domain barrel brings zod and the reference data into the workflow bundle: import rules from @hotline/domain/workflow-rules (add pure ones there).',
            },
            {
              name: '@hotline/contracts',
              allowTypeImports: true,
              message:
                'The @hotline/contracts barrel brings the zod event schemas into the workflow bundle: import its types only (import type).',
            },
            {
              name: 'zod',
              allowTypeImports: true,
              message: 'No zod in the workflow bundle: validate at the edges (API, activities).',
            },
          ],
          patterns: [
            {
              group: ['*.json'],
              allowTypeImports: true,
              message:
                'Reference data comes to a workflow through activities or its input, not bundled JSON.',
            },
          ],
        },
      ],
    },
  },
);
