import { type DataSource } from 'typeorm';
import { Sql } from './sql';

/** Runs `work` in one PostgreSQL transaction: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(db: DataSource, work: (sql: Sql) => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      const result = await work(new Sql(runner));
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
