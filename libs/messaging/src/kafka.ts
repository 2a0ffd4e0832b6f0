import { Kafka, logLevel, type LogEntry, type RetryOptions } from 'kafkajs';
import { type KafkaConfig } from './kafka-config';

/** The single place that builds a kafkajs client; everything else sees our own interfaces. */
export function createKafka(
  config: KafkaConfig,
  log: (line: string) => void = () => {},
  options: { retry?: RetryOptions } = {},
): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    // kafkajs logs transient start-up states (coordinator loading, rebalances) as warnings; its
    // clients retry them. Errors are what a person must see.
    logLevel: logLevel.ERROR,
    logCreator:
      () =>
      ({ label, log: entry }: LogEntry) => {
        const { message, timestamp: _t, logger: _l, ...rest } = entry;
        log(`kafka ${label}: ${message} ${JSON.stringify(rest)}`);
      },
    // Connecting (and a consumer's fetches) retry this way; `retry` bounds it for a client that
    // must fail back within a deadline (the worker's publisher).
    retry: options.retry ?? { initialRetryTime: 300, retries: 8 },
  });
}
