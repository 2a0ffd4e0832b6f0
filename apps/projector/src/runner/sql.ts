import { createHash } from 'node:crypto';
import { type PoolClient } from 'pg';

/**
 * The projections' one way to talk to PostgreSQL: plain SQL on the runner's transaction, as
 * named prepared statements — a projection runs the same dozen statements for every event, so
 * each connection parses and plans them once. (A prepared statement is re-analysed when a table
 * it names changes, so a rebuild's table swap is picked up.)
 */
export class Sql {
  private static readonly names = new Map<string, string>();
  /** Statements sent by every Sql of this process so far (the benchmark reports them per event). */
  static statements = 0;

  constructor(private readonly client: PoolClient) {}

  async rows<T>(text: string, params: unknown[] = []): Promise<T[]> {
    Sql.statements += 1;
    return (await this.client.query({ name: Sql.nameOf(text), text, values: params })).rows as T[];
  }

  async maybeOne<T>(text: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.rows<T>(text, params))[0];
  }

  /** Runs a statement; returns how many rows it touched. */
  async exec(text: string, params: unknown[] = []): Promise<number> {
    Sql.statements += 1;
    const result = await this.client.query({ name: Sql.nameOf(text), text, values: params });
    return result.rowCount ?? 0;
  }

  private static nameOf(text: string): string {
    let name = Sql.names.get(text);
    if (!name) {
      name = `p_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
      Sql.names.set(text, name);
    }
    return name;
  }
}
