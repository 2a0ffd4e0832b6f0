import { SEARCH_ATTRIBUTES } from '@hotline/temporal';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { SubmitOrder } from '../../api/src/orders/use-cases/submit-order/submit-order.use-case';
import { HotlineApi } from './support/hotline-api';
import { eventually, startTestSystem, type TestSystem } from './test-system';

/**
 * Intake judgment through the API on the real stack: the live intake form's suggestions
 * (POST /orders/screening) and an order recorded from the address text alone, flagged as an
 * emergency on its workflow from the start.
 */
describe('intake judgment through the API', () => {
  let system: TestSystem;
  const http = () => request(system.api.app.getHttpServer());
  const as = (role: 'operator' | 'unit', unitId?: string) => ({
    Authorization: `Bearer ${system.token(role, unitId)}`,
  });
  /** A caller of this run only, so no earlier order of the shared database is "open" for them. */
  const phone = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('suggests place, matter, emergency, filter and urgency for the live intake form', async () => {
    const res = await http()
      .post('/orders/screening')
      .set(as('operator'))
      .send({ content: '屏山花园6号楼电梯卡住了，里面困着一个老人' })
      .expect(200);
    expect(Object.keys(res.body).sort()).toEqual(
      ['duplicates', 'emergency', 'filter', 'matter', 'place', 'urgency'].sort(),
    );
    expect(res.body.emergency).toMatchObject({ isEmergency: true });
    expect(res.body.emergency.words.length).toBeGreaterThan(0);
    expect(res.body.filter).toMatchObject({ outcome: 'accept' });
    expect(res.body.urgency).toBe('emergency');
    expect(res.body.place.resolved).toMatchObject({ streetId: 'CPJD', communityId: 'CPJD-02' });
    expect(res.body.matter.candidates[0]).toMatchObject({
      matterTypeCode: 'SQ-006',
      leadUnitId: 'XFZD',
    });
    expect(res.body.matter.candidates).toHaveLength(3);

    const consultation = await http()
      .post('/orders/screening')
      .set(as('operator'))
      .send({ content: '想问一下几号开始供暖', category: 'consultation' })
      .expect(200);
    expect(consultation.body.filter.outcome).toBe('answered_directly');
    expect(consultation.body.knowledgeAnswer.entryId).toBe('KB-001');
  });

  it('refuses units and bad bodies with clear errors', async () => {
    await http()
      .post('/orders/screening')
      .set(as('unit', 'XHJD'))
      .send({ content: '停水了' })
      .expect(403);
    const bad = await http()
      .post('/orders/screening')
      .set(as('operator'))
      .send({ address: '星湖路' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('content');
  });

  it('records an order from the address text alone and flags an emergency at workflow start', async () => {
    const caller = { name: '刘先生', phone: phone() };
    const res = await http()
      .post('/orders')
      .set(as('operator'))
      .send({
        idempotencyKey: `e2e-intake-${randomUUID()}`,
        channel: 'phone',
        category: 'help',
        content: '楼道里一股很冲的煤气味，敲门没人应',
        address: '临河雅苑3单元',
        caller,
      })
      .expect(201);
    expect(res.body.screening.applied).toEqual({ outcome: 'accept' });
    expect(res.body.screening.suggestions.emergency.isEmergency).toBe(true);
    expect(res.body.screening.place).toEqual({
      streetId: 'LHJD',
      communityId: 'LHJD-01',
      gridId: 'LHJD-01-2',
    });
    // The answer comes once the order is recorded; its workflow starts right after.
    const handle = system.temporal.workflow.getHandle(res.body.orderId);
    const described = await eventually(
      () =>
        handle.describe().catch((err: unknown) => {
          if (err instanceof WorkflowNotFoundError) return undefined;
          throw err;
        }),
      30_000,
      'the order workflow started',
    );
    expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.Emergency)).toBe(true);
    const history = await handle.fetchHistory();
    const input =
      history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
    const started = JSON.parse(Buffer.from(input!).toString('utf8'));
    expect(started).toMatchObject({
      urgency: 'emergency',
      matterTypeCode: 'PA-005',
      emergency: { kinds: ['gas'] },
      location: { address: '临河雅苑3单元', streetId: 'LHJD', communityId: 'LHJD-01' },
    });

    // The same caller calls back, pointing back only: the live form proposes to merge (并单).
    const followUp = await http()
      .post('/orders/screening')
      .set(as('operator'))
      .send({ content: '我之前反映过的问题怎么还没人来', caller })
      .expect(200);
    expect(followUp.body.duplicates[0]).toMatchObject({
      orderId: res.body.orderId,
      refersBack: true,
    });
  });

  it('takes calls of the same moment in one read and one write: each its own order, twins one, the caller history of each its own', async () => {
    const submit = system.api.app.get(SubmitOrder);
    const db = system.api.app.get(DataSource);
    const calls = new HotlineApi(system);
    const returning = calls.noiseCall();
    const first = await submit.execute(returning as never);
    expect(first.created).toBe(true);

    // One event-loop turn: the calls share the statements (group commit).
    const others = Array.from({ length: 12 }, () => calls.noiseCall());
    const twin = calls.noiseCall();
    const before = { ...submit.groupCommit.writes };
    const answers = await Promise.all([
      ...others.map((c) => submit.execute(c as never)),
      submit.execute(twin as never),
      submit.execute(twin as never),
      // The same caller again, same matter and place: merged into the first order (并单).
      submit.execute({ ...returning, idempotencyKey: `e2e-${randomUUID()}` } as never),
    ]);
    expect(submit.groupCommit.writes.largest).toBeGreaterThan(1);
    expect(submit.groupCommit.writes.batches - before.batches).toBeLessThan(answers.length);

    const mine = answers.slice(0, others.length);
    expect(mine.every((a) => a.created && a.screening?.applied.outcome === 'accept')).toBe(true);
    expect(new Set(mine.map((a) => a.orderId)).size).toBe(others.length);
    const [t1, t2] = answers.slice(others.length, others.length + 2);
    expect(t1!.orderId).toBe(t2!.orderId);
    expect([t1!.created, t2!.created].sort()).toEqual([false, true]);
    const again = answers[answers.length - 1]!;
    expect(again.screening?.applied).toMatchObject({
      outcome: 'merged',
      intoOrderId: first.orderId,
    });

    // Answered means committed: every row and its encrypted caller are there.
    const ids = [...mine, t1!, again].map((a) => a.orderId);
    const rows: { order_id: string; contact: string | null; key: string }[] = await db.query(
      `SELECT i.order_id, c.order_id AS contact, i.idempotency_key AS key
         FROM order_intake i LEFT JOIN caller_contact c ON c.order_id = i.order_id
        WHERE i.order_id = ANY($1::text[])`,
      [ids],
    );
    expect(rows.map((r) => r.order_id).sort()).toEqual([...ids].sort());
    expect(rows.every((r) => r.contact === r.order_id)).toBe(true);
    expect(rows.find((r) => r.order_id === t1!.orderId)?.key).toBe(twin.idempotencyKey);
  });
});
