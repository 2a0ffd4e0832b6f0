import { Client } from 'pg';
import { type TestSystem } from '../test-system';

/** Plain SQL on the run's database (its own schema when the system is isolated). */
export class ReadModelDb {
  private constructor(private readonly client: Client) {}

  static async open(system: TestSystem): Promise<ReadModelDb> {
    const client = new Client({ connectionString: system.env.DATABASE_URL });
    await client.connect();
    return new ReadModelDb(client);
  }

  async rows<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(text, params)).rows as T[];
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  /** Resolves once order_view shows the order at this sequence (the projector caught up). */
  async untilProjected(orderId: string, sequence: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await this.rows<{ n: number }>(
        `SELECT min(last_sequence)::int AS n FROM projection_position
          WHERE aggregate_type = 'order' AND aggregate_id = $1`,
        [orderId],
      );
      if ((row?.n ?? 0) >= sequence) return;
      if (Date.now() > deadline)
        throw new Error(`${orderId} not projected to #${sequence} in time`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
