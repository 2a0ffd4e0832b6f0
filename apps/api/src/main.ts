import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { apiConfigFromEnv } from './api-config';
import { createApi, listen } from './bootstrap';
import { platformConfigFromEnv } from './infrastructure/settings';

/** The HTTP API process for operators, units and supervisors. */
async function main() {
  const config = apiConfigFromEnv();
  const api = await createApi(config, platformConfigFromEnv());
  await listen(api, config);
  const shutdown = async (signal: string) => {
    api.app.get(Logger).log(`${signal} received: closing`, 'api');
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
