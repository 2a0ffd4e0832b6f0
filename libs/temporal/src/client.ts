import { Client, Connection } from '@temporalio/client';
import { type TemporalConfig } from './temporal-config';

/** Connects a Temporal client; the caller owns the connection and closes it on shutdown. */
export async function connectTemporalClient(
  config: TemporalConfig,
): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address: config.address });
  const client = new Client({ connection, namespace: config.namespace });
  return { client, connection };
}
