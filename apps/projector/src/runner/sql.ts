import { type QueryRunner } from 'typeorm';

/**
 * The projections' one way to talk to PostgreSQL: plain SQL on the runner's transaction.
 * TypeORM's `query` returns different shapes per statement; this always gives rows and a count.
 */
export class Sql {
  constructor(private readonly runner: QueryRunner) {}

  async rows<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const result = await this.runner.query(text, params, true);
    return result.records as T[];
  }

  async maybeOne<T>(text: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.rows<T>(text, params))[0];
  }

  /** Runs a statement; returns how many rows it touched. */
  async exec(text: string, params: unknown[] = []): Promise<number> {
    const result = await this.runner.query(text, params, true);
    return result.affected ?? result.records.length;
  }
}
