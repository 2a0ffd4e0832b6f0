import { type EventEnvelope, eventTopics } from '@hotline/contracts';
import { createKafka, kafkaConfigFromEnv, KafkaEventPublisher } from '@hotline/messaging';
import { createHash, randomUUID } from 'node:crypto';
import request from 'supertest';
import { Client as PgClient } from 'pg';
import { eventually, startTestSystem, type TestSystem } from './test-system';

/**
 * The walking skeleton, end to end on real servers: HTTP → Temporal workflow → activity →
 * Kafka → projector → PostgreSQL → HTTP.
 */
describe('walking skeleton: an order from POST /orders to the read model', () => {
  let system: TestSystem;
  const http = () => request(system.api.app.getHttpServer());
  const operator = () => ({ Authorization: `Bearer ${system.token('operator')}` });

  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  const order = (idempotencyKey: string) => ({
    idempotencyKey,
    channel: 'phone',
    category: 'complaint',
    content: '小区旁工地夜间22点后仍在施工，噪音很大，影响休息',
    address: '星湖街道星湖东里3号楼旁工地',
    streetId: 'XHJD',
    communityId: 'XHJD-01',
    urgency: 'normal',
    caller: { name: '张女士', phone: phoneFor(idempotencyKey) },
  });

  /** One caller per key: the same caller, matter and place within 7 days would be merged (并单). */
  const phoneFor = (key: string) =>
    `139${String(parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16) % 1e8).padStart(8, '0')}`;

  /** The order's OrderReceived as published on its topic (by an activity or a local activity). */
  async function receivedEventOf(orderId: string): Promise<EventEnvelope> {
    const config = kafkaConfigFromEnv(system.env);
    const consumer = createKafka(config).consumer({ groupId: `skeleton-read-${randomUUID()}` });
    await consumer.connect();
    try {
      await consumer.subscribe({
        topic: eventTopics(config.topicPrefix).orderEvents,
        fromBeginning: true,
      });
      let found: EventEnvelope | undefined;
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (message.key?.toString() !== orderId) return;
          const event = JSON.parse(message.value!.toString()) as EventEnvelope;
          if (event.sequence === 1) found ??= event;
        },
      });
      return await eventually(
        async () => found,
        60_000,
        `OrderReceived of ${orderId} on its topic`,
      );
    } finally {
      await consumer.disconnect();
    }
  }

  it('starts one workflow per idempotency key and projects the order into order_view', async () => {
    const key = `e2e-${randomUUID()}`;
    const phone = phoneFor(key);
    const first = await http().post('/orders').set(operator()).send(order(key)).expect(201);
    const orderId: string = first.body.orderId;
    expect(orderId).toMatch(/^HL\d{8}-\d{7}$/);

    const again = await http().post('/orders').set(operator()).send(order(key)).expect(200);
    expect(again.body).toEqual({ orderId, created: false });

    // The answer comes once the order is recorded; its workflow starts right after.
    const runs = await eventually(
      async () => {
        const found = [];
        for await (const wf of system.temporal.workflow.list({
          query: `WorkflowId = '${orderId}'`,
        }))
          found.push(wf);
        return found.length > 0 ? found : undefined;
      },
      30_000,
      `the workflow of ${orderId}`,
    );
    expect(runs).toHaveLength(1);

    const view = await eventually(
      async () => {
        const res = await http().get(`/orders/${orderId}`).set(operator()).expect(200);
        return res.body.view?.lastSequence >= 1 ? res.body.view : undefined;
      },
      30_000,
      `order_view row for ${orderId}`,
    );
    expect(view).toMatchObject({
      orderId,
      channel: 'phone',
      category: 'complaint',
      urgency: 'normal',
      streetId: 'XHJD',
      address: '星湖街道星湖东里3号楼旁工地',
    });
    // Personal data never reaches the read model.
    expect(JSON.stringify(view)).not.toContain(phone);
    expect(JSON.stringify(view)).not.toContain('张女士');

    const event = await receivedEventOf(orderId);
    expect(event).toMatchObject({
      aggregateType: 'order',
      aggregateId: orderId,
      sequence: 1,
      type: 'OrderReceived',
      schemaVersion: 1,
    });
    expect(JSON.stringify(event)).not.toContain(phone);
  });

  it('ignores a redelivered event: the row does not change', async () => {
    const { body } = await http()
      .post('/orders')
      .set(operator())
      .send(order(`e2e-${randomUUID()}`))
      .expect(201);
    const orderId: string = body.orderId;
    // Received and dispatched arrive together; wait for both, so the row is settled (#2).
    const before = await eventually(async () => {
      const res = await http().get(`/orders/${orderId}`).set(operator());
      return res.body.view?.lastSequence >= 2 ? res.body.view : undefined;
    });
    const event = await receivedEventOf(orderId);

    const db = new PgClient({ connectionString: system.env.DATABASE_URL });
    await db.connect();
    const rowBefore = (await db.query('SELECT * FROM order_view WHERE order_id = $1', [orderId]))
      .rows[0];

    const kafkaConfig = kafkaConfigFromEnv(system.env);
    const publisher = new KafkaEventPublisher(createKafka(kafkaConfig), kafkaConfig);
    const outcome = system.projected(event.eventId);
    await publisher.publish([event]);
    await publisher.close();
    await expect(outcome).resolves.toBe('duplicate');

    const rowAfter = (await db.query('SELECT * FROM order_view WHERE order_id = $1', [orderId]))
      .rows[0];
    const count = (
      await db.query('SELECT count(*)::int AS n FROM order_view WHERE order_id = $1', [orderId])
    ).rows[0].n;
    await db.end();
    expect(rowAfter).toEqual(rowBefore);
    expect(count).toBe(1);
    expect((await http().get(`/orders/${orderId}`).set(operator())).body.view).toEqual(before);
  });

  it('answers bad input with 400 and every bad field, never a 500', async () => {
    const res = await http()
      .post('/orders')
      .set(operator())
      .send({ channel: 'fax', content: '   ' })
      .expect(400);
    const fields = (res.body.fields as { field: string }[]).map((f) => f.field).sort();
    // The address may be left out (intake reads the place from the words; an emergency needs none).
    expect(fields).toEqual(['caller', 'category', 'channel', 'content', 'idempotencyKey']);
    await http()
      .post('/orders')
      .set('content-type', 'application/json')
      .send('{bad json')
      .expect(400);
    await http().get('/orders/not-an-order').set(operator()).expect(400);
    await http().get('/orders/HL20000101-0000000').set(operator()).expect(404);
  });

  it('refuses an idempotency key reused with different content', async () => {
    const key = `e2e-${randomUUID()}`;
    await http().post('/orders').set(operator()).send(order(key)).expect(201);
    const res = await http()
      .post('/orders')
      .set(operator())
      .send({ ...order(key), content: '另一件事：路灯不亮已经三天了' })
      .expect(409);
    expect(res.body.message).toContain(key);
  });
});
