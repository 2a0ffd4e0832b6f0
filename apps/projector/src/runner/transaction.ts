import { type PoolClient } from 'pg';
import { type DataSource } from 'typeorm';
import { Sql } from './sql';

/** Runs `work` in one PostgreSQL transaction: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(db: DataSource, work: (sql: Sql) => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  // TypeORM's Postgres runner hands out the pg client it holds: statements on it are in the
  // runner's transaction.
  const client = (await runner.connect()) as PoolClient;
  try {
    await runner.startTransaction();
    try {
      const result = await work(new Sql(client));
      await runner.commitTransaction();
      return result;
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    }
  } finally {
    await runner.release();
  }
}
