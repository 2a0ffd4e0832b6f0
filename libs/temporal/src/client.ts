import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { type TemporalConfig } from './temporal-config';

/**
 * Connects a Temporal client; the caller owns the connection and closes it on shutdown.
 * `interceptors`: gRPC interceptors in place of the SDK's default (its retry interceptor).
 */
export async function connectTemporalClient(
  config: TemporalConfig,
  options: Pick<ConnectionOptions, 'interceptors'> = {},
): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address: config.address, ...options });
  const client = new Client({ connection, namespace: config.namespace });
  return { client, connection };
}
