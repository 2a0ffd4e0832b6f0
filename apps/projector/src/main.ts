import 'reflect-metadata';
import { kafkaConfigFromEnv } from '@hotline/messaging';
import { databaseConfigFromEnv } from '@hotline/persistence';
import { Logger } from '@nestjs/common';
import { startProjector } from './bootstrap';

/** The projector process: builds the read models from the event stream. */
async function main() {
  const logger = new Logger('projector');
  const metricsPort = process.env.PROJECTOR_METRICS_PORT;
  const projector = await startProjector({
    kafka: kafkaConfigFromEnv(),
    database: databaseConfigFromEnv(),
    groupId: process.env.PROJECTOR_GROUP_ID ?? 'hotline-projector',
    ...(metricsPort && metricsPort !== '0' ? { metricsPort: Number(metricsPort) } : {}),
  });
  if (metricsPort && metricsPort !== '0') {
    logger.log(`metrics at http://127.0.0.1:${metricsPort}/metrics`);
  }
  const shutdown = async (signal: string) => {
    logger.log(`${signal} received: leaving the consumer group`);
    await projector.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`projector failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
