import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { apiConfigFromEnv } from './api-config';
import { createApi, listen } from './bootstrap';

/** The HTTP API process for operators, units and supervisors. */
async function main() {
  const config = apiConfigFromEnv();
  const api = await createApi(config);
  await listen(api, config);
  const shutdown = async (signal: string) => {
    new Logger('api').log(`${signal} received: closing`);
    await api.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`api failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
