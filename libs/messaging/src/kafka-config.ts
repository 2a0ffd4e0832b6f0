import { parseEnvironment } from '@hotline/contracts';
import { z } from 'zod';

const schema = z.object({
  KAFKA_BROKERS: z.string().min(1).default('127.0.0.1:9092'),
  KAFKA_CLIENT_ID: z.string().default('hotline'),
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]+$/)
    .default('hotline'),
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).default(6),
  /** Replicas of each topic this service creates: 1 on the dev broker, 3 on a cluster. */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1),
});

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
  partitions: number;
  /** Replicas per created topic (default 1); above 1, min.insync.replicas is 2 (1 for 2 replicas). */
  replicationFactor?: number;
}

export function kafkaConfigFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaConfig {
  const c = parseEnvironment(schema, env);
  return {
    brokers: c.KAFKA_BROKERS.split(',').map((b) => b.trim()),
    clientId: c.KAFKA_CLIENT_ID,
    topicPrefix: c.KAFKA_TOPIC_PREFIX,
    partitions: c.KAFKA_PARTITIONS,
    replicationFactor: c.KAFKA_REPLICATION_FACTOR,
  };
}
