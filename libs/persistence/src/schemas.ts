import { Client } from 'pg';
import { createDataSource } from './data-source';
import { type DatabaseConfig } from './database-config';

/**
 * PostgreSQL schemas as separate namespaces for the same tables: a rebuild builds read models in
 * a fresh schema before swapping them in, and each isolated test or benchmark run gets a schema
 * of its own. A connection sees a schema through its search_path, set in the URL, so every
 * unqualified table name in the code resolves there without a change.
 */

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`"${name}" is not a plain lower-case SQL identifier`);
  return name;
}

/** The database URL with `search_path` set to these schemas, first one first. */
export function withSearchPath(url: string, schemas: readonly string[]): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schemas.map(assertIdentifier).join(',')}`);
  return u.toString();
}

/** Runs one statement on a short-lived connection (DDL outside any DataSource). */
export async function execute(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates a schema and applies every migration in it: a fresh, empty database of our own. */
export async function createMigratedSchema(
  base: DatabaseConfig,
  schema: string,
): Promise<DatabaseConfig> {
  await execute(base.url, `CREATE SCHEMA IF NOT EXISTS ${assertIdentifier(schema)}`);
  const config = { ...base, url: withSearchPath(base.url, [schema]) };
  const db = createDataSource(config, 'hotline-migrate');
  await db.initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
  } finally {
    await db.destroy();
  }
  return config;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  await execute(url, `DROP SCHEMA IF EXISTS ${assertIdentifier(schema)} CASCADE`);
}
