import { createKafka, deleteTopics, kafkaConfigFromEnv } from '@hotline/messaging';
import { connectTemporalClient, temporalConfigFromEnv } from '@hotline/temporal';
import { randomUUID } from 'node:crypto';
import { startWorker } from '../../worker/src/bootstrap';
import { askOrderState, openOrders, pendingTimers } from '../../worker/src/testing/open-orders';
import { noiseOrder } from '../../worker/src/testing/workflow-test-env';

/** Orders held open in `npm test`; the benchmark holds many more (README, "Benchmarks"). */
const OPEN = Number(process.env.OPEN_ORDERS_TEST_COUNT ?? 200);

/**
 * Orders that stay open — acknowledged (签收) and waiting on their deadlines — are held by
 * Temporal, not by the worker: all of them stay open with a timer pending, and a worker started
 * afresh (empty cache) answers for every one of them and carries their next actions.
 */
describe(`${OPEN} open orders`, () => {
  const runId = randomUUID().slice(0, 8);
  const kafka = { ...kafkaConfigFromEnv(), topicPrefix: `hotline-test-open-${runId}` };
  const temporal = { ...temporalConfigFromEnv(), taskQueue: `hotline-test-open-${runId}` };

  afterAll(async () => {
    await deleteTopics(createKafka(kafka), kafka);
  }, 60_000);

  it('stay open on their timers, and a fresh worker picks every one of them up', async () => {
    const { client, connection } = await connectTemporalClient(temporal);
    let worker = await startWorker({ kafka, temporal });
    const ids: string[] = [];
    try {
      ids.push(
        ...(await openOrders(client, {
          count: OPEN,
          concurrency: 20,
          taskQueue: temporal.taskQueue,
          order: (i) => {
            const input = noiseOrder({ orderId: `HL-OPEN-${runId}-${String(i).padStart(5, '0')}` });
            return { workflowId: input.orderId, args: [input] };
          },
        })),
      );
      expect(new Set(ids).size).toBe(OPEN);

      for (const id of ids) {
        const handle = client.workflow.getHandle(id);
        const description = await handle.describe();
        expect(description.status.name).toBe('RUNNING');
        // The order waits on its deadline: a timer started and neither fired nor cancelled.
        expect(pendingTimers(await handle.fetchHistory())).not.toHaveLength(0);
      }

      // A new worker, with nothing cached: every order is rebuilt from its history on demand.
      await worker.stop();
      worker = await startWorker({ kafka, temporal });
      const states = await Promise.all(
        ids.map((id) => askOrderState(client.workflow.getHandle(id))),
      );
      expect(states.map((s) => s.status)).toEqual(ids.map(() => 'acknowledged'));

      // …and takes their next action: the lead unit's response (响应) on a sample of them.
      const sample = ids.filter((_, i) => i % 10 === 0);
      for (const id of sample) {
        const handle = client.workflow.getHandle(id);
        await handle.executeUpdate('respondUpdate', {
          args: [{ actor: { kind: 'unit', unitId: 'CGZF' }, note: '已联系市民' }],
        });
        expect((await handle.query<{ status: string }>('orderState')).status).toBe('responded');
      }
    } finally {
      await Promise.all(
        ids.map((id) =>
          client.workflow
            .getHandle(id)
            .terminate('open-orders test done')
            .catch(() => undefined),
        ),
      );
      await worker.stop();
      await connection.close();
    }
  }, 600_000);
});
