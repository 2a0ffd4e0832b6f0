import { ReadModelDb } from './support/read-model-db';
import { SyntheticOrder } from './support/synthetic-events';
import { RunTopics } from './support/topics';
import { startTestSystem, type TestSystem } from './test-system';

/**
 * Events that pass validation but cannot be projected, and events a workflow reset numbered
 * again, on the real Kafka and PostgreSQL: the projector retries the first a few times, then
 * dead-letters it with the reason and carries on; it recognises the second and records it.
 */
describe('projector: poison after validation, and workflow resets', () => {
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

  it('dead-letters an event that keeps failing in a projection, records it, and keeps the partition flowing', async () => {
    const order = new SyntheticOrder();
    // Valid for the contract, but PostgreSQL cannot store a NUL character in text or jsonb.
    const poison = order.received({ content: '夜间施工\u0000噪音' });
    const after = order.dispatched(new Date(Date.now() + 3_600_000));
    const other = new SyntheticOrder();
    const otherReceived = other.received();
    const deadBefore = system.projector.stats.deadLettered;

    const projected = system.projected(after.eventId, 60_000);
    const otherProjected = system.projected(otherReceived.eventId, 60_000);
    await topics.publish([poison, after, otherReceived]);
    await expect(projected).resolves.toBe('applied');
    await expect(otherProjected).resolves.toBe('applied');

    expect(system.projector.stats.deadLettered - deadBefore).toBe(1);
    const dead = (await topics.read(topics.names.deadLetter)).filter(
      (m) => m.headers['dlq-event-id'] === poison.eventId,
    );
    expect(dead).toHaveLength(1);
    expect(dead[0]!.headers['dlq-reason']).toMatch(/^failed in the handler 3 times: .+/);
    expect(dead[0]!.headers['dlq-sequence']).toBe('1');
    expect(dead[0]!.key?.toString()).toBe(order.orderId);
    expect(JSON.parse(dead[0]!.value!.toString()).eventId).toBe(poison.eventId);

    expect(
      await db.rows(
        `SELECT kind, sequence, event_id, event_type, reason IS NOT NULL AS has_reason
           FROM projection_anomaly WHERE aggregate_id = $1`,
        [order.orderId],
      ),
    ).toEqual([
      {
        kind: 'dead_lettered',
        sequence: 1,
        event_id: poison.eventId,
        event_type: 'OrderReceived',
        has_reason: true,
      },
    ]);
    // The order's next event was applied, with the gap the dead letter left.
    expect(
      await db.rows(
        `SELECT DISTINCT expected_sequence, received_sequence FROM projection_gap WHERE aggregate_id = $1`,
        [order.orderId],
      ),
    ).toEqual([{ expected_sequence: 1, received_sequence: 2 }]);
    expect(
      await db.rows(`SELECT status FROM order_view WHERE order_id = $1`, [other.orderId]),
    ).toEqual([{ status: 'received' }]);
  });

  it('recognises an event with a new id for a sequence already applied (a workflow reset), records and counts it, and changes nothing', async () => {
    const order = new SyntheticOrder();
    const received = order.received();
    const dispatched = order.dispatched(new Date(Date.now() + 3_600_000), 'CGZF');
    const projected = system.projected(dispatched.eventId);
    await topics.publish([received, dispatched]);
    await expect(projected).resolves.toBe('applied');
    const resetsBefore = system.projector.metrics.resets;

    // The reset workflow ran its dispatch again, to another unit, under a new event id.
    const again = { ...order.at(2, 'OrderDispatched', dispatched.payload) };
    again.payload = { ...dispatched.payload, leadUnitId: 'SWJ' };
    const reprojected = system.projected(again.eventId);
    await topics.publish([again]);
    await expect(reprojected).resolves.toBe('reset');

    expect(system.projector.metrics.resets - resetsBefore).toBe(1);
    expect(
      await db.rows(
        `SELECT kind, sequence, event_id, known_event_id FROM projection_anomaly
          WHERE aggregate_id = $1`,
        [order.orderId],
      ),
    ).toEqual([
      {
        kind: 'sequence_reused',
        sequence: 2,
        event_id: again.eventId,
        known_event_id: dispatched.eventId,
      },
    ]);
    expect(
      await db.rows(`SELECT lead_unit_id FROM order_view WHERE order_id = $1`, [order.orderId]),
    ).toEqual([{ lead_unit_id: 'CGZF' }]);

    // The same redelivered event is a plain repeat: reported once.
    const once = system.projected(again.eventId);
    await topics.publish([again]);
    await expect(once).resolves.toBe('reset');
    expect(
      await db.rows(`SELECT count(*)::int AS n FROM projection_anomaly WHERE aggregate_id = $1`, [
        order.orderId,
      ]),
    ).toEqual([{ n: 1 }]);
  });
});
