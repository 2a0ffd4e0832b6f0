import 'reflect-metadata';
import { kafkaConfigFromEnv } from '@hotline/messaging';
import { temporalConfigFromEnv } from '@hotline/temporal';
import { Logger } from '@nestjs/common';
import { startWorker } from './bootstrap';

/** The Temporal worker process: registers the workflows and runs their activities. */
async function main() {
  const logger = new Logger('worker');
  const worker = await startWorker({
    kafka: kafkaConfigFromEnv(),
    temporal: temporalConfigFromEnv(),
    // The named reference data set (duty list, territory, holidays, policy): the shipped sample
    // district unless configured otherwise.
    referenceData: process.env.HOTLINE_REFERENCE_DATA || 'sample-district',
  });
  const shutdown = async (signal: string) => {
    logger.log(`${signal} received: finishing running tasks, then stopping`);
    await worker.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`worker failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
