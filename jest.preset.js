// Shared Jest settings: SWC for speed (with decorator metadata for Nest), tsconfig paths as module names.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    path.join(__dirname, target),
  ]),
);

/** @param {string} projectDir @param {Partial<import('jest').Config>} overrides */
module.exports = function jestConfig(projectDir, overrides = {}) {
  const name = path.relative(__dirname, projectDir);
  return {
    displayName: name,
    rootDir: projectDir,
    testEnvironment: 'node',
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            target: 'es2022',
            keepClassNames: true,
          },
          module: { type: 'commonjs' },
        },
      ],
    },
    moduleFileExtensions: ['ts', 'js', 'json'],
    moduleNameMapper,
    testMatch: ['<rootDir>/**/*.test.ts'],
    passWithNoTests: true,
    reporters: ['default', path.join(__dirname, 'tools/jest-summary-reporter.js')],
    ...overrides,
  };
};
