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
  /**
   * When set (the benchmark), the time spent waiting on each statement, by its first words: where
   * a batch's database time goes.
   */
  static timings?: Map<string, { count: number; ms: number }>;

  constructor(private readonly client: PoolClient) {}

  async rows<T>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.query(text, params)).rows as T[];
  }

  async maybeOne<T>(text: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.rows<T>(text, params))[0];
  }

  /** Runs a statement; returns how many rows it touched. */
  async exec(text: string, params: unknown[] = []): Promise<number> {
    return (await this.query(text, params)).rowCount ?? 0;
  }

  private async query(text: string, params: unknown[]) {
    Sql.statements += 1;
    const started = Sql.timings ? performance.now() : 0;
    const result = await this.client.query({ name: Sql.nameOf(text), text, values: params });
    if (Sql.timings) {
      const key = text.replace(/\s+/g, ' ').trim().slice(0, 70);
      const t = Sql.timings.get(key) ?? { count: 0, ms: 0 };
      Sql.timings.set(key, t);
      t.count += 1;
      t.ms += performance.now() - started;
    }
    return result;
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
