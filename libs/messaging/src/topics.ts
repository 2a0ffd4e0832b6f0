import { eventTopics } from '@hotline/contracts';
import { type Kafka } from 'kafkajs';
import { type KafkaConfig } from './kafka-config';

/**
 * Creates the event topics if missing: keyed by aggregate id, several partitions, unlimited
 * retention (the topic is the event history and the source of every rebuild).
 */
export async function ensureTopics(kafka: Kafka, config: KafkaConfig): Promise<void> {
  const topics = eventTopics(config.topicPrefix);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = Object.values(topics).filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    const replicationFactor = config.replicationFactor ?? 1;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: config.partitions,
        replicationFactor,
        configEntries: [
          { name: 'retention.ms', value: '-1' },
          { name: 'retention.bytes', value: '-1' },
          // With replicas, an acks=all write needs two of them (one broker may be lost).
          ...(replicationFactor > 1
            ? [{ name: 'min.insync.replicas', value: String(Math.min(2, replicationFactor - 1)) }]
            : []),
        ],
      })),
    });
  } catch (err) {
    // Two processes starting together may race to create the same topic: that is fine.
    if (!(err instanceof Error && /already exists/i.test(err.message))) throw err;
  } finally {
    await admin.disconnect();
  }
}

/** Deletes the event topics of a prefix: for runs that made their own (isolated tests, benchmark). */
export async function deleteTopics(kafka: Kafka, config: KafkaConfig): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const ours = Object.values(eventTopics(config.topicPrefix)).filter((t) => existing.has(t));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours, timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
}
