import { eventTopics } from '@hotline/contracts';
import {
  createKafka,
  deleteTopics,
  kafkaConfigFromEnv,
  type RawMessage,
  TopicReader,
} from '@hotline/messaging';
import { connectTemporalClient, temporalConfigFromEnv } from '@hotline/temporal';
import { randomUUID } from 'node:crypto';
import { startWorker } from '../../worker/src/bootstrap';
import { noiseOrder } from '../../worker/src/testing/workflow-test-env';
import { TcpProxy } from '../../../tools/testing/tcp-proxy';
import { eventually } from './test-system';

/**
 * Kafka down when the worker starts (its address answers nothing): the worker still starts and
 * runs its workflows, and once Kafka answers, the events it could not publish go out, in order.
 */
describe('a worker started while Kafka is down', () => {
  const runId = randomUUID().slice(0, 8);
  const shared = kafkaConfigFromEnv();
  const config = { ...shared, topicPrefix: `hotline-test-kdown-${runId}` };
  const temporal = { ...temporalConfigFromEnv(), taskQueue: `hotline-test-kdown-${runId}` };

  afterAll(async () => {
    await deleteTopics(createKafka(config), config);
  }, 60_000);

  it('starts, answers for its orders, and publishes their events once Kafka is back', async () => {
    const kafka = await TcpProxy.down(shared.brokers[0]!);
    const worker = await startWorker({ kafka: { ...config, brokers: [kafka.address] }, temporal });
    const { client, connection } = await connectTemporalClient(temporal);
    const input = noiseOrder({ orderId: `HL-KDOWN-${runId}` });
    try {
      const handle = await client.workflow.start('hotlineOrderWorkflow', {
        workflowId: input.orderId,
        taskQueue: temporal.taskQueue,
        args: [input],
      });
      // The worker polls Temporal although Kafka has never answered: the order is routed.
      const state = await eventually(async () => {
        const s = await handle.query<{ status: string }>('orderState').catch(() => undefined);
        return s && s.status !== 'received' ? s : undefined;
      }, 60_000);
      expect(state.status).toBe('dispatched');

      await kafka.open();
      const onTopic = await eventually(
        async () => {
          // The worker creates the topics when it first reaches Kafka: until then, nothing to read.
          const messages = await readAll(config, eventTopics(config.topicPrefix).orderEvents).catch(
            () => [],
          );
          const events = messages
            .filter((m) => m.key?.toString() === input.orderId)
            .map((m) => JSON.parse(m.value!.toString()) as { sequence: number; type: string });
          return events.some((e) => e.type === 'OrderDispatched') ? events : undefined;
        },
        90_000,
        'the order events on the topic',
      );
      const sequences = onTopic.map((e) => e.sequence);
      expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 1));
      await handle.terminate('test over');
    } finally {
      await connection.close();
      await worker.stop();
      await kafka.cut();
    }
  }, 180_000);
});

async function readAll(config: ReturnType<typeof kafkaConfigFromEnv>, topic: string) {
  const messages: RawMessage[] = [];
  const reader = new TopicReader(createKafka(config), [topic], `kdown-read-${randomUUID()}`);
  try {
    await reader.start(async (batch) => void messages.push(...batch));
    await reader.reach(await reader.endOffsets());
  } finally {
    await reader.stop();
  }
  return messages;
}
