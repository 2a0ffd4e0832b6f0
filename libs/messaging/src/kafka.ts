import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { type KafkaConfig } from './kafka-config';

/** The single place that builds a kafkajs client; everything else sees our own interfaces. */
export function createKafka(config: KafkaConfig, log: (line: string) => void = () => {}): Kafka {
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
    retry: { initialRetryTime: 300, retries: 8 },
  });
}
