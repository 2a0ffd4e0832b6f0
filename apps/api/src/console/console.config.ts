import path from 'node:path';

export const CONSOLE_DIST = Symbol('CONSOLE_DIST');

/** Where `nx run console:build` writes the console: apps/console/dist, from this file's place. */
export const DEFAULT_CONSOLE_DIST = path.resolve(__dirname, '../../../console/dist');
