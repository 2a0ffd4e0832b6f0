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
    files: ['libs/domain/**/*.ts', 'workflows/**/*.ts'],
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
);
