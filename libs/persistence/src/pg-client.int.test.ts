import { Client } from 'pg';
import { createDataSource } from './data-source';
import { onDroppedConnection } from './pg-client';

/**
 * On the real PostgreSQL: the server ends the backend of a connection a request holds (what a
 * PostgreSQL crash or restart does to every connection, 57P01). The process lives on, the holder
 * gets an error, and the data source answers the next query on a fresh connection.
 */
describe('a pooled connection the server drops', () => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`');

  it('is reported and replaced, and never ends the process', async () => {
    const dropped: Error[] = [];
    onDroppedConnection((err) => dropped.push(err));
    const ds = await createDataSource({ url, poolSize: 2 }, 'hotline-pg-client-test').initialize();
    const admin = new Client({ connectionString: url });
    await admin.connect();
    const uncaught: Error[] = [];
    const onUncaught = (err: Error) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      // A request holds a connection between two of its queries…
      const runner = ds.createQueryRunner();
      const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
      // …when the server terminates its backend.
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await until(() => dropped.length > 0);
      expect(dropped[0]!.message).toMatch(/terminat/);
      await expect(runner.query('SELECT 1')).rejects.toThrow();
      await runner.release();
      // The next query gets a fresh connection.
      const [{ ok }] = (await ds.query('SELECT 1 AS ok')) as { ok: number }[];
      expect(ok).toBe(1);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await admin.end();
      await ds.destroy();
    }
  });
});

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 25));
}
