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
);
