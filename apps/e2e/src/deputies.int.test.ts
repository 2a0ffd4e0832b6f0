import { HotlineApi } from './support/hotline-api';
import { eventually, startTestSystem, type TestSystem } from './test-system';

/**
 * The deputies' channel (家站点) through HTTP on the real stack: deputies sign in (dev sign-in),
 * record residents' suggestions at their station; one is handed to a department as a proposal
 * (交办), answered, rated and reported back; another becomes a 12345 order through the hotline's
 * intake (channel deputy), whose resolution answers the item. Scoping by role throughout, and the
 * station's record as the read model counts it.
 */
describe('deputies’ items: record, hand over, answer, rate, report back, and the station’s record', () => {
  let system: TestSystem;
  let api: HotlineApi;
  let deputy: { Authorization: string };
  let otherDeputy: { Authorization: string };

  const signIn = async (deputyId: string) => {
    const r = await api.http().post('/dev/session').send({ role: 'deputy', deputyId }).expect(201);
    return { Authorization: `Bearer ${r.body.token as string}` };
  };
  const item = (id: string, as: { Authorization: string }) =>
    api.http().get(`/deputy-items/${id}`).set(as);
  const post = (id: string, action: string, as: { Authorization: string }, body: object) =>
    api.http().post(`/deputy-items/${id}/${action}`).set(as).send(body);

  beforeAll(async () => {
    system = await startTestSystem({ isolated: true });
    api = new HotlineApi(system);
    deputy = await signIn('RD-XH-03'); // 星湖西里代表联络站
    otherDeputy = await signIn('RD-LY-01'); // 柳荫街道人大代表之家
  });
  afterAll(async () => {
    await system?.stop();
  });

  const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

  it('takes a proposal and an order from the station to their outcome, and keeps the station’s record', async () => {
    // A proposal (交办) to the transport commission.
    const recorded = await api
      .http()
      .post('/deputy-items')
      .set(deputy)
      .send({
        kind: 'suggestion',
        content:
          '星湖西里南门外公交站没有候车亭，老人下雨天等车不便，建议增设。联系电话13812345678',
        address: '星湖西里南门公交站',
        resident: { name: '李大爷', phone: phone() },
      })
      .expect(201);
    const shelter = recorded.body.itemId as string;
    expect(recorded.body).toMatchObject({ stationId: 'RDLLZ-XHJD-02', status: 'recorded' });
    const state = await eventually(async () => {
      const r = await item(shelter, deputy);
      return r.status === 200 && r.body.handOverBy ? r.body : undefined;
    });
    // Personal data said in the content is masked before it travels on; the phone shows masked.
    expect(state.input.content).not.toContain('13812345678');
    expect(state.residentPhone).toMatch(/^139\*\*\*\*\d{4}$/);

    // Another station's deputy, a unit not involved: as if the item did not exist.
    await item(shelter, otherDeputy).expect(404);
    await item(shelter, api.as('unit', 'JTW')).expect(404);
    // Deputies reach none of the hotline's other routes.
    await api.http().get('/views/orders').set(deputy).expect(403);

    await post(shelter, 'hand-over', otherDeputy, {
      route: 'proposal',
      unitId: 'JTW',
      note: '交办',
    }).expect(404);
    const refused = await post(shelter, 'hand-over', deputy, {
      route: 'proposal',
      unitId: 'LYJD',
      note: '交办柳荫街道',
    }).expect(400);
    expect(refused.body.message).toMatch(/不是站点所在的街道/);
    const handed = await post(shelter, 'hand-over', deputy, {
      route: 'proposal',
      unitId: 'JTW',
      note: '请区交通委研究增设候车亭',
    }).expect(200);
    expect(handed.body).toMatchObject({ status: 'handed_over', route: 'proposal', unitId: 'JTW' });
    await post(shelter, 'answer', api.as('unit', 'CGW'), {
      outcome: 'solved',
      summary: '已办理',
    }).expect(404);
    await post(shelter, 'answer', api.as('unit', 'JTW'), {
      outcome: 'solved',
      summary: '已纳入年内公交站台改造计划，12月底前完成',
    }).expect(200);
    const early = await post(shelter, 'report-back', deputy, {
      resident: 'phone',
      note: '告知',
    }).expect(409);
    expect(early.body).toMatchObject({ currentStatus: 'answered' });
    await post(shelter, 'rate', deputy, { rating: 'satisfied', comment: '答复具体' }).expect(200);
    const closed = await post(shelter, 'report-back', deputy, {
      resident: 'phone',
      note: '已电话告知居民，并在站点公示',
    }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', reportedBack: { onTime: true } });

    // An order through the hotline's intake: night-time construction noise, 城管执法 leads.
    const noise = (
      await api
        .http()
        .post('/deputy-items')
        .set(deputy)
        .send({
          kind: 'opinion',
          content: '星湖西里8号楼旁工地夜间22点后仍在施工，噪音扰民',
          address: '星湖西里8号楼旁工地',
          matterTypeCode: 'CG-003',
          resident: { name: '王女士', phone: phone() },
        })
        .expect(201)
    ).body.itemId as string;
    await eventually(async () => ((await item(noise, deputy)).body.handOverBy ? true : undefined));
    const asOrder = await post(noise, 'hand-over', deputy, {
      route: 'order',
      category: 'complaint',
      note: '转12345热线工单',
    }).expect(200);
    const orderId = asOrder.body.order.orderId as string;
    expect(asOrder.body).toMatchObject({ status: 'handed_over', route: 'order', orderId });
    const order = await api.untilStatus(orderId, 'dispatched');
    expect(order).toMatchObject({ leadUnitId: 'CGZF' });
    // The order knows where it came from: the deputy channel and the item.
    expect(order.timeline[0]).toMatchObject({
      type: 'OrderReceived',
      detail: { channel: 'deputy', category: 'complaint', deputyItemId: noise },
    });
    // Handed over once: a second try is refused, no second order.
    await post(noise, 'hand-over', deputy, { route: 'order', note: '再转' }).expect(409);
    await api.complete(orderId);
    const answered = await eventually(async () => {
      const r = await item(noise, deputy);
      return r.body.status === 'answered' ? r.body : undefined;
    });
    expect(answered).toMatchObject({
      unitId: 'CGZF',
      answer: { outcome: 'solved', summary: '工地已停止夜间施工', onTime: true },
    });
    await post(noise, 'rate', deputy, {
      rating: 'basically_satisfied',
      comment: '望长效管理',
    }).expect(200);

    // The read models: the station's items and record.
    const record = await eventually(async () => {
      const r = await api.http().get('/views/deputy-stations').set(deputy).expect(200);
      const mine = r.body.stations as { id: string; record: { rated: number } }[];
      return mine.length === 1 && mine[0]!.record.rated === 2 ? mine[0] : undefined;
    });
    expect(record).toMatchObject({
      id: 'RDLLZ-XHJD-02',
      deputies: [expect.objectContaining({ id: 'RD-XH-03' })],
      record: {
        received: 2,
        handedOver: 2,
        asOrders: 1,
        asProposals: 1,
        answered: 2,
        answeredOnTime: 2,
        rated: 2,
        satisfied: 1,
        basicallySatisfied: 1,
        reportedBack: 1,
        overdue: 0,
      },
    });
    const mine = await api.http().get('/views/deputy-items').set(deputy).expect(200);
    expect(mine.body.items.map((i: { itemId: string }) => i.itemId).sort()).toEqual(
      [shelter, noise].sort(),
    );
    expect(mine.body.items.find((i: { itemId: string }) => i.itemId === noise)).toMatchObject({
      route: 'order',
      orderId,
      status: 'rated',
      rating: 'basically_satisfied',
    });
    const theirs = await api.http().get('/views/deputy-items').set(otherDeputy).expect(200);
    expect(theirs.body.items).toEqual([]);
    const jtw = await api.http().get('/views/deputy-items').set(api.as('unit', 'JTW')).expect(200);
    expect(jtw.body.items.map((i: { itemId: string }) => i.itemId)).toEqual([shelter]);
    const all = await api.http().get('/views/deputy-stations').set(api.as('auditor')).expect(200);
    expect(all.body.stations.length).toBeGreaterThan(1);
  });

  it('answers bad input with the fields at fault, never a 500', async () => {
    const bad = await api
      .http()
      .post('/deputy-items')
      .set(deputy)
      .send({ kind: 'complaint', content: '' })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'content',
      'kind',
    ]);
    await api
      .http()
      .post('/deputy-items')
      .set(api.as('supervisor'))
      .send({ kind: 'opinion', content: '建议' })
      .expect(403);
    await api.http().get('/deputy-items/not-an-id').set(deputy).expect(400);
    await api.http().get('/deputy-items/DB-20261128-ABCDEF').set(deputy).expect(404);
    // A resident without a phone: no order can be made, the proposal route remains.
    const anonymous = (
      await api
        .http()
        .post('/deputy-items')
        .set(deputy)
        .send({ kind: 'opinion', content: '希望小区增加健身器材' })
        .expect(201)
    ).body.itemId as string;
    await eventually(async () =>
      (await item(anonymous, deputy)).body.handOverBy ? true : undefined,
    );
    const noPhone = await post(anonymous, 'hand-over', deputy, {
      route: 'order',
      note: '转工单',
    }).expect(400);
    expect(noPhone.body.message).toMatch(/联系电话/);
  });
});
