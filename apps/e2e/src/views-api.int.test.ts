import { shanghaiDate, shanghaiMonth } from '@hotline/domain';
import { HotlineApi } from './support/hotline-api';
import { ReadModelDb } from './support/read-model-db';
import { startTestSystem, type TestSystem } from './test-system';

/**
 * The query API over the read models (GET /views/…) on the real stack, isolated: pagination,
 * filters, unit scoping, the one error format, and the OpenAPI document.
 */
describe('views API', () => {
  let system: TestSystem;
  let api: HotlineApi;
  let db: ReadModelDb;
  const orders: string[] = [];
  const month = shanghaiMonth(new Date());
  const get = (
    path: string,
    role: Parameters<HotlineApi['as']>[0] = 'supervisor',
    unitId?: string,
  ) => api.http().get(path).set(api.as(role, unitId));

  beforeAll(async () => {
    system = await startTestSystem({ isolated: true });
    api = new HotlineApi(system);
    db = await ReadModelDb.open(system);
    // Five noise orders in 星湖西里 (a hotspot), one completed, one escalated; one elsewhere.
    for (let i = 0; i < 5; i++) {
      orders.push(
        await api.submitted(api.noiseCall({ communityId: 'XHJD-02', gridId: 'XHJD-02-1' })),
      );
    }
    await api.complete(orders[0]!);
    await api.act(orders[1]!, 'acknowledge', {}, 'unit', 'CGZF');
    await api.act(orders[2]!, 'supervise', { note: '请加快办理' }, 'supervisor');
    for (const id of orders) await db.untilProjected(id, await api.lastSequence(id));
  });
  afterAll(async () => {
    await db?.close();
    await system?.stop();
  });

  it('lists orders newest first, a page at a time, with filters', async () => {
    const first = await get('/views/orders?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(`/views/orders?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    const third = await get(`/views/orders?limit=2&cursor=${second.body.nextCursor}`).expect(200);
    expect(third.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items, ...third.body.items].map(
      (o) => o.orderId,
    );
    expect(all).toEqual([...orders].reverse());

    const closed = await get('/views/orders?status=closed&street=XHJD&matter=CG-003').expect(200);
    expect(closed.body.items.map((o: { orderId: string }) => o.orderId)).toEqual([orders[0]]);
    const open = await get('/views/orders?status=dispatched,acknowledged&unit=CGZF').expect(200);
    expect(open.body.items).toHaveLength(4);
    const today = shanghaiDate(new Date());
    expect(
      (await get(`/views/orders?from=${today}&to=${today}`).expect(200)).body.items,
    ).toHaveLength(5);
    expect((await get('/views/orders?to=2020-01-01').expect(200)).body.items).toHaveLength(0);
  });

  it('answers a bad query with 400 and every bad field, in the one error format', async () => {
    const res = await get('/views/orders?limit=0&status=lost&from=yesterday').expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'from',
      'limit',
      'status',
    ]);
    expect((await get('/views/orders?cursor=garbage').expect(400)).body.fields).toEqual([
      { field: 'cursor', message: 'not a cursor this list gave out' },
    ]);
    await api.http().get('/views/orders').expect(401);
  });

  it('answers a crafted pagination cursor with 400, not 500', async () => {
    const crafted = Buffer.from(JSON.stringify(['yesterday', 'HL1'])).toString('base64url');
    for (const path of ['/views/orders', '/views/whistles', '/views/sla-board?view=all'])
      await get(`${path}${path.includes('?') ? '&' : '?'}cursor=${crafted}`).expect(400);
  });

  it('shows one order with its timeline', async () => {
    const res = await get(`/views/orders/${orders[0]}`).expect(200);
    expect(res.body.order).toMatchObject({
      orderId: orders[0],
      status: 'closed',
      closure: 'completed',
    });
    expect(res.body.timeline.map((t: { type: string }) => t.type)).toEqual([
      'OrderReceived',
      'OrderDispatched',
      'OrderAcknowledged',
      'OrderResponded',
      'OrderResolved',
      'CallbackRecorded',
      'OrderClosed',
    ]);
    await get('/views/orders/HL20000101-0000000').expect(404);
  });

  it('gives a unit its inbox by deadline, and only its own', async () => {
    const res = await get('/views/units/CGZF/inbox', 'unit', 'CGZF').expect(200);
    expect(res.body.items.map((i: { orderId: string }) => i.orderId).sort()).toEqual(
      orders.slice(1).sort(),
    );
    const actions = Object.fromEntries(
      res.body.items.map((i: { orderId: string; nextAction: string }) => [i.orderId, i.nextAction]),
    );
    expect(actions[orders[1]!]).toBe('respond');
    expect(actions[orders[2]!]).toBe('acknowledge');
    const dues = res.body.items.map((i: { dueAt: string }) => Date.parse(i.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(
      (await get('/views/units/CGZF/inbox?nextAction=respond').expect(200)).body.items,
    ).toHaveLength(1);
    await get('/views/units/ZJW/inbox', 'unit', 'CGZF').expect(403);
    // A unit's order list is its own, whatever it asks for.
    const own = await get('/views/orders', 'unit', 'XHJD').expect(200);
    expect(own.body.items).toHaveLength(5); // 星湖街道 assists on every one of them
    await get('/views/orders?unit=CGZF', 'unit', 'XHJD').expect(403);
  });

  it('shows the SLA board: due soon, escalated, breached', async () => {
    const dueSoon = await get('/views/sla-board?view=due_soon&withinHours=2').expect(200);
    expect(dueSoon.body.items.map((s: { orderId: string }) => s.orderId).sort()).toEqual(
      [orders[2], orders[3], orders[4]].sort(),
    );
    const escalated = await get('/views/sla-board?view=escalated').expect(200);
    expect(escalated.body.items).toEqual([
      expect.objectContaining({
        orderId: orders[2],
        escalationCount: 1,
        lastEscalationNote: '请加快办理',
      }),
    ]);
    expect((await get('/views/sla-board?view=breached').expect(200)).body.items).toEqual([]);
    await get('/views/sla-board', 'unit', 'CGZF').expect(403);
  });

  it('gives the month’s scores, ranking and the records behind them', async () => {
    const scores = await get(`/views/scores?month=${month}`).expect(200);
    expect(scores.body.items).toEqual([
      expect.objectContaining({
        unitId: 'CGZF',
        rankingGroup: 'departments',
        counted: 1,
        composite: 100,
      }),
    ]);
    const ranking = await get(`/views/scores/ranking?month=${month}`).expect(200);
    expect(ranking.body.groups.departments).toEqual([
      expect.objectContaining({ unitId: 'CGZF', rank: 1, composite: 100, responseRate: 1 }),
    ]);
    expect(ranking.body.unranked).toContain('XHJD');
    const records = await get(`/views/scores/records?month=${month}&unit=CGZF`).expect(200);
    expect(records.body.items.map((r: { orderId: string }) => r.orderId)).toEqual([orders[0]]);
    expect((await get('/views/scores?month=2026-13').expect(400)).body.fields[0].field).toBe(
      'month',
    );
  });

  it('lists the hotspot with its orders, and proposes the month’s topics', async () => {
    const list = await get('/views/hotspots?street=XHJD').expect(200);
    expect(list.body.items).toHaveLength(1);
    const hotspot = list.body.items[0];
    expect(hotspot).toMatchObject({
      matterTypeCode: 'CG-003',
      communityId: 'XHJD-02',
      orderCount: 5,
    });
    const detail = await get(`/views/hotspots/${encodeURIComponent(hotspot.hotspotId)}`).expect(
      200,
    );
    expect(detail.body.orders.map((o: { orderId: string }) => o.orderId).sort()).toEqual(
      [...orders].sort(),
    );

    // Scoped: the unit handling the orders sees them; another unit sees neither the hotspot nor
    // the complaints and addresses behind it.
    const path = `/views/hotspots/${encodeURIComponent(hotspot.hotspotId)}`;
    const mine = await get(path, 'unit', 'CGZF').expect(200);
    expect(mine.body.orders).toHaveLength(5);
    await get(path, 'unit', 'HBJ').expect(404);
    expect((await get('/views/hotspots', 'unit', 'HBJ').expect(200)).body.items).toEqual([]);

    const topics = await get(`/views/monthly-topics?month=${month}`).expect(200);
    expect(topics.body.candidates[0]).toMatchObject({
      matterTypeCode: 'CG-003',
      matterName: '施工噪声扰民',
      orders: 5,
      reasons: ['most_frequent', 'fastest_growing'],
      topStreets: [{ streetId: 'XHJD', orders: 5 }],
    });
  });

  it('documents every view in the OpenAPI document', async () => {
    const doc = (await api.http().get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, unknown>;
    };
    expect(
      Object.keys(doc.paths)
        .filter((p) => p.startsWith('/views/'))
        .sort(),
    ).toEqual([
      '/views/admission-list',
      '/views/admissions',
      '/views/departments/evaluations',
      '/views/deputy-items',
      '/views/deputy-stations',
      '/views/enforcement-powers/usage',
      '/views/hotspots',
      '/views/hotspots/{hotspotId}',
      '/views/monthly-topics',
      '/views/off-list-work',
      '/views/off-list-work/{unitId}',
      '/views/orders',
      '/views/orders/{orderId}',
      '/views/orders/{orderId}/timeline',
      '/views/proactive-tasks',
      '/views/projector/gaps',
      '/views/projector/positions',
      '/views/scores',
      '/views/scores/push-downs',
      '/views/scores/ranking',
      '/views/scores/rankings',
      '/views/scores/records',
      '/views/sla-board',
      '/views/units/{unitId}/inbox',
      '/views/whistles',
      '/views/whistles/{whistleId}',
    ]);
  });
});
