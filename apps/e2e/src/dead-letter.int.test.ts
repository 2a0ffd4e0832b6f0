import { sampleReferenceData } from '@hotline/domain';
import { allProjections } from '../../projector/src/projections';
import { ReadModelDb } from './support/read-model-db';
import { SyntheticOrder } from './support/synthetic-events';
import { RunTopics } from './support/topics';
import { startTestSystem, type TestSystem } from './test-system';

/**
 * Events that fail validation, and events that arrive after a missing one, on the real Kafka
 * and PostgreSQL: the projector dead-letters the first and reports the second, and the
 * partition keeps flowing in both cases.
 */
describe('poison events and sequence gaps', () => {
  let system: TestSystem;
  let db: ReadModelDb;
  let topics: RunTopics;

  beforeAll(async () => {
    system = await startTestSystem({ isolated: true });
    db = await ReadModelDb.open(system);
    topics = new RunTopics(system);
  });
  afterAll(async () => {
    await db?.close();
    await system?.stop();
  });

  it('sends each poison event to the dead-letter topic with its reason, counts it, and keeps the partition flowing', async () => {
    const order = new SyntheticOrder();
    const valid = order.received();
    const key = order.orderId; // same key: same partition, so the valid event queues behind them
    await topics.sendRaw(topics.names.orderEvents, [
      { key, value: 'not json {' },
      { key, value: JSON.stringify({ hello: 'world' }) },
      {
        key,
        value: JSON.stringify({ ...valid, eventId: 'bad-payload', payload: { orderId: 42 } }),
      },
      {
        key,
        value: JSON.stringify({ ...valid, eventId: 'unknown-type', type: 'OrderTeleported' }),
      },
    ]);
    const projected = system.projected(valid.eventId);
    await topics.publish([valid]);
    await expect(projected).resolves.toBe('applied');

    expect(
      await db.rows(`SELECT order_id, status FROM order_view WHERE order_id = $1`, [key]),
    ).toEqual([{ order_id: key, status: 'received' }]);
    expect(system.projector.stats.deadLettered).toBe(4);

    const dead = await topics.read(topics.names.deadLetter);
    expect(dead.map((m) => m.key?.toString())).toEqual([key, key, key, key]);
    expect(dead.map((m) => m.headers['dlq-reason'])).toEqual([
      'not JSON',
      expect.stringMatching(/^envelope: /),
      expect.stringMatching(/^OrderReceived v1 payload: .*orderId/),
      'unknown event type OrderTeleported v1',
    ]);
    for (const m of dead) {
      expect(m.headers['dlq-source']).toMatch(
        new RegExp(`^${topics.names.orderEvents}\\[\\d+\\]@\\d+$`),
      );
      expect(m.headers['dlq-consumer-group']).toBe(`hotline-test-projector-${system.runId}`);
    }
    expect(dead[0]!.value?.toString()).toBe('not json {'); // the message as it was, for a person to look at
  });

  it('records a sequence gap for every projection, applies the later event anyway, and ignores its redelivery', async () => {
    const order = new SyntheticOrder();
    const received = order.received();
    const later = order.at(3, 'OrderDispatched', {
      leadUnitId: 'CGZF',
      assistingUnitIds: [],
      supervisingUnitIds: ['ZHZX'],
      attempt: 1,
      rule: 'synthetic',
      dispatchedBy: 'rules',
      deadlines: { acknowledgeBy: new Date(Date.now() + 3_600_000).toISOString() },
    });
    const gapsBefore = system.projector.metrics.gaps;
    const projected = system.projected(later.eventId);
    await topics.publish([received, later]);
    await expect(projected).resolves.toBe('applied');

    const gaps = await db.rows(
      `SELECT projection, expected_sequence, received_sequence, event_type FROM projection_gap
        WHERE aggregate_id = $1 ORDER BY projection`,
      [order.orderId],
    );
    const projections = allProjections(sampleReferenceData())
      .filter((p) => p.aggregateTypes.includes('order'))
      .map((p) => p.name);
    expect(gaps).toEqual(
      [...projections].sort().map((projection) => ({
        projection,
        expected_sequence: 2,
        received_sequence: 3,
        event_type: 'OrderDispatched',
      })),
    );
    expect(system.projector.metrics.gaps - gapsBefore).toBe(projections.length);
    expect(
      await db.rows(`SELECT status, last_sequence FROM order_view WHERE order_id = $1`, [
        order.orderId,
      ]),
    ).toEqual([{ status: 'dispatched', last_sequence: 3 }]);

    const again = system.projected(later.eventId);
    await topics.publish([later]);
    await expect(again).resolves.toBe('duplicate');
    expect(
      await db.rows(`SELECT count(*)::int AS n FROM projection_gap WHERE aggregate_id = $1`, [
        order.orderId,
      ]),
    ).toEqual([{ n: projections.length }]);
  });

  it('refuses to publish an invalid event at all: validated on the producing side too', async () => {
    const order = new SyntheticOrder();
    const before = (await topics.read(topics.names.orderEvents)).length;
    const bad = { ...order.received(), payload: { orderId: order.orderId } };
    await expect(topics.publish([order.received(), bad])).rejects.toThrow(
      /refusing to publish OrderReceived .*payload: channel/,
    );
    expect(await topics.read(topics.names.orderEvents)).toHaveLength(before); // not even the good one
  });
});
