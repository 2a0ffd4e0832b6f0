import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventually, startTestSystem, type TestSystem } from './test-system';

/**
 * An order driven through the HTTP API from the call to closure, as the people who use it would:
 * an operator records it, 城管执法 (CGZF) acknowledges, responds and resolves it, the centre calls
 * back. Every step on the real Temporal, Kafka and PostgreSQL.
 */
describe('an order through the API, from the call to closure', () => {
  let system: TestSystem;
  const http = () => request(system.api.app.getHttpServer());
  const as = (role: 'operator' | 'supervisor' | 'auditor' | 'unit', unitId?: string) => ({
    Authorization: `Bearer ${system.token(role, unitId)}`,
  });

  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  const noiseCall = () => ({
    idempotencyKey: `e2e-${randomUUID()}`,
    channel: 'phone',
    category: 'complaint',
    content: '星湖东里3号楼旁的工地夜间施工噪音很大，22点以后还在干',
    address: '星湖街道星湖东里3号楼旁工地',
    streetId: 'XHJD',
    communityId: 'XHJD-01',
    gridId: 'XHJD-01-1',
    // A caller of its own per call: the same caller, matter and place within 7 days is merged (并单).
    caller: {
      name: '张女士',
      phone: `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    },
  });

  /** The order's workflow history with its payloads (base64 JSON) decoded, as one string. */
  async function decodedHistory(orderId: string): Promise<string> {
    return JSON.stringify(
      await system.temporal.workflow.getHandle(orderId).fetchHistory(),
      (key, value: unknown) =>
        key === 'data' && typeof value === 'string'
          ? Buffer.from(value, 'base64').toString('utf8')
          : value,
    );
  }

  async function submitted() {
    const call = noiseCall();
    const res = await http().post('/orders').set(as('operator')).send(call).expect(201);
    const orderId: string = res.body.orderId;
    const state = await eventually(
      async () => {
        const r = await http().get(`/orders/${orderId}`).set(as('supervisor'));
        return r.body.state?.status === 'dispatched' ? r.body.state : undefined;
      },
      30_000,
      `${orderId} dispatched`,
    );
    return { orderId, state, screening: res.body.screening, phone: call.caller.phone };
  }

  it('goes intake → dispatch → acknowledge → respond → resolve → callback → closed', async () => {
    const { orderId, state, screening, phone } = await submitted();
    expect(screening.applied).toEqual({ outcome: 'accept' });
    expect(screening.matterTypeCode).toBe('CG-003'); // 施工噪声扰民, classified from the words
    expect(state.leadUnitId).toBe('CGZF');

    const cgzf = as('unit', 'CGZF');
    expect(
      (await http().post(`/orders/${orderId}/acknowledge`).set(cgzf).send({}).expect(200)).body
        .status,
    ).toBe('acknowledged');
    expect(
      (
        await http()
          .post(`/orders/${orderId}/respond`)
          .set(cgzf)
          .send({ note: '已电话联系张女士，核实工地位置' })
          .expect(200)
      ).body.status,
    ).toBe('responded');
    await http()
      .post(`/orders/${orderId}/progress`)
      .set(cgzf)
      .send({ note: '已到现场，责令停工' })
      .expect(200);
    expect(
      (
        await http()
          .post(`/orders/${orderId}/resolve`)
          .set(cgzf)
          .send({ outcome: 'solved', summary: '工地已停止夜间施工，处罚款' })
          .expect(200)
      ).body.status,
    ).toBe('resolved');
    const closed = await http()
      .post(`/orders/${orderId}/callback`)
      .set(as('operator'))
      .send({ reached: true, solved: true, satisfaction: 'satisfied' })
      .expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', closure: 'completed' });

    const detail = await http().get(`/orders/${orderId}`).set(as('supervisor')).expect(200);
    expect(detail.body.state.timeline.map((t: { type: string }) => t.type)).toEqual([
      'OrderReceived',
      'OrderDispatched',
      'OrderAcknowledged',
      'OrderResponded',
      'ProgressReported',
      'OrderResolved',
      'CallbackRecorded',
      'OrderClosed',
    ]);
    // The supervisor sees the caller masked; the operator in full.
    expect(detail.body.caller).toEqual({
      phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      masked: true,
    });
    expect(
      (await http().get(`/orders/${orderId}`).set(as('operator')).expect(200)).body.caller,
    ).toEqual({
      name: '张女士',
      phone,
      masked: false,
    });
  });

  it('refuses cross-unit and wrong-role actions with 403, wrong-state ones with 409, and changes nothing', async () => {
    const { orderId } = await submitted();
    const other = as('unit', 'ZJW');

    const forbidden = await http()
      .post(`/orders/${orderId}/acknowledge`)
      .set(other)
      .send({})
      .expect(403);
    expect(forbidden.body.message).toMatch(/assigned to CGZF/);
    // An assisting unit (ZJW) may read the order; an unrelated one (交通委, JTW) may not.
    await http().get(`/orders/${orderId}`).set(other).expect(200);
    await http().get(`/orders/${orderId}`).set(as('unit', 'JTW')).expect(403);
    await http()
      .post(`/orders/${orderId}/terminate`)
      .set(as('unit', 'CGZF'))
      .send({ reason: '想终止' })
      .expect(403);
    await http().post(`/orders/${orderId}/acknowledge`).set(as('auditor')).send({}).expect(403);
    await http().post(`/orders/${orderId}/acknowledge`).send({}).expect(401);
    await http()
      .post(`/orders/${orderId}/acknowledge`)
      .set({ Authorization: 'Bearer not.a.token' })
      .send({})
      .expect(401);

    const conflict = await http()
      .post(`/orders/${orderId}/resolve`)
      .set(as('unit', 'CGZF'))
      .send({ outcome: 'solved', summary: '已处理' })
      .expect(409);
    expect(conflict.body).toMatchObject({ currentStatus: 'dispatched' });
    await http()
      .post(`/orders/${orderId}/return`)
      .set(as('unit', 'CGZF'))
      .send({ reason: 'jurisdiction', explanation: '短' })
      .expect(400);

    const after = await http().get(`/orders/${orderId}`).set(as('supervisor')).expect(200);
    expect(after.body.state.status).toBe('dispatched');
    expect(after.body.state.timeline.map((t: { type: string }) => t.type)).toEqual([
      'OrderReceived',
      'OrderDispatched',
    ]);
    // The unit the order is assigned to may read it, with the caller in full while it handles it.
    expect(
      (await http().get(`/orders/${orderId}`).set(as('unit', 'CGZF')).expect(200)).body.caller
        .masked,
    ).toBe(false);
  });

  it('masks a phone number said in the complaint everywhere but the full caller view', async () => {
    const said = '13911112222';
    const call = {
      ...noiseCall(),
      content: `星湖东里的工地夜间施工噪音很大，请打我另一个电话${said}`,
    };
    const res = await http().post('/orders').set(as('operator')).send(call).expect(201);
    const orderId: string = res.body.orderId;
    const state = await eventually(async () => {
      const r = await http().get(`/orders/${orderId}`).set(as('supervisor'));
      return r.body.state?.timeline?.length ? r.body : undefined;
    });
    expect(JSON.stringify(state)).not.toContain(said);
    const history = await decodedHistory(orderId);
    expect(history).toContain('139****2222'); // the text is there, masked
    expect(history).not.toContain(said);
    const full = await http().get(`/orders/${orderId}`).set(as('operator')).expect(200);
    expect(full.body.caller.originalContent).toContain(said);
  });

  it('masks phone and e-mail numbers written into a unit’s notes before they reach the workflow', async () => {
    const { orderId } = await submitted();
    const cgzf = as('unit', 'CGZF');
    await http().post(`/orders/${orderId}/acknowledge`).set(cgzf).send({}).expect(200);
    const note = '已联系业主，业主留了新号码13722223333，邮箱yezhu.wang@example.com';
    const answer = await http()
      .post(`/orders/${orderId}/progress`)
      .set(cgzf)
      .send({ note })
      .expect(200);
    const history = await decodedHistory(orderId);
    expect(history).toContain('137****3333'); // the note is there, masked
    for (const said of ['13722223333', 'yezhu.wang@example.com']) {
      expect(JSON.stringify(answer.body)).not.toContain(said);
      expect(history).not.toContain(said);
    }
  });

  it('closes a consultation on the call when the knowledge base answers it (直接办结)', async () => {
    const res = await http()
      .post('/orders')
      .set(as('operator'))
      .send({
        ...noiseCall(),
        category: 'consultation',
        content: '请问办理居住证需要什么材料？',
        streetId: undefined,
        communityId: undefined,
        gridId: undefined,
      })
      .expect(201);
    expect(res.body.screening.applied.outcome).toBe('answered_directly');
    const state = await eventually(async () => {
      const r = await http().get(`/orders/${res.body.orderId}`).set(as('operator'));
      return r.body.state?.status === 'closed' ? r.body.state : undefined;
    });
    expect(state.closure).toBe('answered_directly');
  });
});
