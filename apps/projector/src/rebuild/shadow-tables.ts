import { assertIdentifier } from '@hotline/persistence';
import { type Sql } from '../runner/sql';

/**
 * The read-model tables as they are in one schema, re-created in another: same columns,
 * defaults, checks, keys and indexes, with the same names — so after a swap the tables are
 * indistinguishable from the ones the migrations made, and later migrations still apply.
 */
export async function cloneTables(
  sql: Sql,
  from: string,
  to: string,
  tables: readonly string[],
): Promise<void> {
  await sql.exec(`CREATE SCHEMA ${assertIdentifier(to)}`);
  for (const table of tables.map(assertIdentifier)) {
    const source = `${assertIdentifier(from)}.${table}`;
    const target = `${to}.${table}`;
    await sql.exec(
      `CREATE TABLE ${target} (LIKE ${source} INCLUDING DEFAULTS INCLUDING CONSTRAINTS
         INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE INCLUDING COMMENTS)`,
    );
    const constraints = await sql.rows<{ name: string; definition: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname`,
      [source],
    );
    for (const c of constraints) {
      await sql.exec(`ALTER TABLE ${target} ADD CONSTRAINT ${quote(c.name)} ${c.definition}`);
    }
    const indexes = await sql.rows<{ definition: string }>(
      `SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
        WHERE i.indrelid = $1::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY i.indexrelid`,
      [source],
    );
    for (const { definition } of indexes) {
      const retargeted = definition.replace(` ON ${source} `, ` ON ${target} `);
      if (retargeted === definition) throw new Error(`cannot re-target index: ${definition}`);
      await sql.exec(retargeted);
    }
  }
}

/**
 * Swaps the rebuilt tables in: the live ones move to `retired`, the rebuilt ones into the live
 * schema. Run inside the transaction that holds the live tables locked, so readers and the live
 * projector see the old tables or the new ones, never a mix.
 */
export async function swapTables(
  sql: Sql,
  tables: readonly string[],
  schemas: { live: string; rebuilt: string; retired: string },
): Promise<void> {
  const live = assertIdentifier(schemas.live);
  const rebuilt = assertIdentifier(schemas.rebuilt);
  const retired = assertIdentifier(schemas.retired);
  await sql.exec(`CREATE SCHEMA ${retired}`);
  for (const table of tables.map(assertIdentifier)) {
    await sql.exec(`ALTER TABLE ${live}.${table} SET SCHEMA ${retired}`);
    await sql.exec(`ALTER TABLE ${rebuilt}.${table} SET SCHEMA ${live}`);
  }
  await sql.exec(`DROP SCHEMA ${rebuilt}`);
}

/** Takes every table's exclusive lock, in one fixed order (positions first, as the projector). */
export async function lockTables(
  sql: Sql,
  schema: string,
  tables: readonly string[],
): Promise<void> {
  await sql.exec(`SET LOCAL lock_timeout = '60s'`);
  const names = tables.map((t) => `${assertIdentifier(schema)}.${assertIdentifier(t)}`);
  await sql.exec(`LOCK TABLE ${names.join(', ')} IN ACCESS EXCLUSIVE MODE`);
}

export interface TableDigest {
  table: string;
  rows: number;
  /** md5 over the rows' text, in a fixed order: equal digests mean equal contents. */
  digest: string;
}

/** Row count and content digest of each table in a schema. */
export async function digestTables(
  sql: Sql,
  schema: string,
  tables: readonly string[],
): Promise<TableDigest[]> {
  const out: TableDigest[] = [];
  for (const table of tables.map(assertIdentifier)) {
    const [row] = await sql.rows<{ rows: number; digest: string }>(
      `SELECT count(*)::int AS rows,
              md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) AS digest
         FROM ${assertIdentifier(schema)}.${table} t`,
    );
    out.push({ table, rows: row!.rows, digest: row!.digest });
  }
  return out;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
