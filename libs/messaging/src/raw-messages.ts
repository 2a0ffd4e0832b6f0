import { type Kafka, Partitioners } from 'kafkajs';

/**
 * Writes messages as they are, unvalidated: for tests that must put a poison message on a topic
 * (the publisher only ever writes valid events).
 */
export async function sendRawMessages(
  kafka: Kafka,
  topic: string,
  messages: { key: string; value: string; headers?: Record<string, string> }[],
): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}
