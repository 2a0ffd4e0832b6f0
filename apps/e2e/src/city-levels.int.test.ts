import { shanghaiMonth } from '@hotline/domain';
import { randomUUID } from 'node:crypto';
import { apiConfigFromEnv } from '../../api/src/api-config';
import { type Role, signToken, type StaffLevel } from '../../api/src/auth/jwt';
import { HotlineApi } from './support/hotline-api';
import { ReadModelDb } from './support/read-model-db';
import { startTestSystem, type TestSystem } from './test-system';

/**
 * Three levels (市级 → 区级 → 街乡) through HTTP on the real stack: the city centre takes a call
 * in 澜山区 and the LS street gets it, the LS centre supervising; a return across levels goes to
 * the city's arbitration and a push-down without reason is flagged and counted; district centre
 * staff read their district only, units their own; rankings at every level.
 */
describe('three-level dispatch and scoping (HTTP, real stack)', () => {
  let system: TestSystem;
  let api: HotlineApi;
  let db: ReadModelDb;
  const month = shanghaiMonth(new Date());

  const token = (
    role: Role,
    claims: { level?: StaffLevel; districtId?: string; unitId?: string },
  ) =>
    `Bearer ${signToken(
      {
        sub: `${role}-${claims.districtId ?? claims.unitId ?? claims.level ?? 'x'}`,
        role,
        ...claims,
      },
      apiConfigFromEnv(system.env).authSecret,
      3600,
    )}`;
  const cityOperator = () => token('operator', { level: 'city' });
  const citySupervisor = () => token('supervisor', { level: 'city' });
  const districtSupervisor = (districtId: string) =>
    token('supervisor', { level: 'district', districtId });
  const unitToken = (unitId: string) => token('unit', { unitId });

  async function take(call: Record<string, unknown>, auth = cityOperator()): Promise<string> {
    const res = await api
      .http()
      .post('/orders')
      .set('Authorization', auth)
      .send({
        idempotencyKey: `e2e-city-${randomUUID()}`,
        channel: 'phone',
        caller: { name: '王先生', phone: '13900001111' },
        ...call,
      });
    if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.orderId as string;
  }
  const state = async (orderId: string) =>
    (await api.http().get(`/orders/${orderId}`).set('Authorization', citySupervisor()).expect(200))
      .body.state;
  async function act(orderId: string, action: string, body: object, auth: string) {
    const res = await api
      .http()
      .post(`/orders/${orderId}/${action}`)
      .set('Authorization', auth)
      .send(body);
    if (res.status !== 200)
      throw new Error(`${action} on ${orderId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  let lsOrder: string;
  let hxOrder: string;

  beforeAll(async () => {
    system = await startTestSystem({ isolated: true });
    api = new HotlineApi(system);
    db = await ReadModelDb.open(system);
  });
  afterAll(async () => {
    await db?.close();
    await system?.stop();
  });

  it('市级直派: the city centre takes a call in 澜山区; the LS street leads, the LS centre supervises', async () => {
    lsOrder = await take({
      category: 'help',
      content: '我需要开具社区居住证明，去哪里办理',
      address: '澜山区松泉街道1号',
      streetId: 'LS-SQJD',
      communityId: 'LS-SQJD-01',
      matterTypeCode: 'SQ-013',
      screening: { outcome: 'accept' },
    });
    await api.untilStatus(lsOrder, 'dispatched');
    const s = await state(lsOrder);
    expect(s).toMatchObject({
      leadUnitId: 'LS-SQJD',
      supervisingUnitIds: ['LS-ZHZX'],
      takenBy: { level: 'city' },
      levels: { districtId: 'LS', leadLevel: 'street', dispatchedByUnitId: 'BJ-RXZX' },
    });
    await db.untilProjected(lsOrder, await api.lastSequence(lsOrder));
    const [row] = await db.rows<{
      district_id: string;
      taken_by_level: string;
      lead_level: string;
    }>('SELECT district_id, taken_by_level, lead_level FROM order_view WHERE order_id = $1', [
      lsOrder,
    ]);
    expect(row).toEqual({ district_id: 'LS', taken_by_level: 'city', lead_level: 'street' });
  });

  it('a district centre takes its own calls only', async () => {
    const refused = await api
      .http()
      .post('/orders')
      .set('Authorization', token('operator', { level: 'district', districtId: 'HX' }))
      .send({
        idempotencyKey: `e2e-city-${randomUUID()}`,
        channel: 'phone',
        category: 'help',
        content: '我需要开具社区居住证明',
        streetId: 'LS-SQJD',
        matterTypeCode: 'SQ-013',
        takenBy: { level: 'city' },
        caller: { name: '王先生', phone: '13900001111' },
      });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/只能以本区（HX）热线中心受理/);
    const unknown = await api
      .http()
      .post('/orders')
      .set('Authorization', cityOperator())
      .send({
        idempotencyKey: `e2e-city-${randomUUID()}`,
        channel: 'phone',
        category: 'help',
        content: '我需要开具社区居住证明',
        takenBy: { level: 'district', districtId: 'ZZ' },
        caller: { name: '王先生', phone: '13900001111' },
      });
    expect(unknown.status).toBe(400);
  });

  it('a return across levels goes to the city’s arbitration; a push-down without reason is flagged and counted', async () => {
    hxOrder = await take({
      category: 'complaint',
      content: '小区停水一天了，一直没有来水',
      address: '禾溪区溪口街道1号',
      streetId: 'HX-XKJD',
      communityId: 'HX-XKJD-01',
      matterTypeCode: 'MS-001',
      screening: { outcome: 'accept' },
    });
    await api.untilStatus(hxOrder, 'dispatched');
    expect(await state(hxOrder)).toMatchObject({
      leadUnitId: 'BJ-ZLS',
      supervisingUnitIds: ['BJ-RXZX'],
    });
    const first = await act(
      hxOrder,
      'return',
      { reason: 'wrong_jurisdiction', explanation: '该小区为自备井供水，不属于市政管网' },
      unitToken('BJ-ZLS'),
    );
    const second = (await state(hxOrder)).leadUnitId as string;
    expect(first.status).toBe('dispatched');
    expect(second).toMatch(/^HX-/);
    await act(
      hxOrder,
      'return',
      { reason: 'wrong_jurisdiction', explanation: '自备井由产权单位管理，不属本单位职责' },
      unitToken(second),
    );
    expect(await state(hxOrder)).toMatchObject({
      status: 'in_arbitration',
      arbiter: { unitId: 'BJ-RXZX', level: 'city' },
    });
    // Another district's centre may not act on it (禾溪区's order, 澜山区's staff).
    const lsActs = await api
      .http()
      .post(`/orders/${hxOrder}/arbitration`)
      .set('Authorization', districtSupervisor('LS'))
      .send({ leadUnitId: 'HX-XKJD', note: '街道办' });
    expect(lsActs.status).toBe(403);
    expect(lsActs.body.message).toMatch(/不属于本区（LS）/);
    await act(hxOrder, 'arbitration', { leadUnitId: 'HX-XKJD', note: '街道办' }, citySupervisor());
    expect(await state(hxOrder)).toMatchObject({ status: 'dispatched', leadUnitId: 'HX-XKJD' });
    await db.untilProjected(hxOrder, await api.lastSequence(hxOrder));
    const [row] = await db.rows<{ push_downs: number; push_downs_flagged: number }>(
      'SELECT push_downs, push_downs_flagged FROM order_view WHERE order_id = $1',
      [hxOrder],
    );
    expect(row).toEqual({ push_downs: 1, push_downs_flagged: 1 });
    const counted = await api
      .http()
      .get(`/views/scores/push-downs?month=${month}&district=HX`)
      .set('Authorization', citySupervisor())
      .expect(200);
    expect(counted.body.districts).toEqual([
      { districtId: 'HX', orders: 1, pushDowns: 1, flagged: 1 },
    ]);
  });

  it('district centre staff read their district only; units their own orders', async () => {
    const ls = districtSupervisor('LS');
    const hx = districtSupervisor('HX');
    await api.http().get(`/views/orders/${lsOrder}`).set('Authorization', ls).expect(200);
    await api.http().get(`/orders/${lsOrder}`).set('Authorization', ls).expect(200);
    await api.http().get(`/orders/${lsOrder}`).set('Authorization', hx).expect(403);
    const other = await api.http().get(`/views/orders/${lsOrder}`).set('Authorization', hx);
    expect(other.status).toBe(403);
    expect(other.body.message).toMatch(/不属于本区（HX）/);
    const asked = await api.http().get('/views/orders?district=LS').set('Authorization', hx);
    expect(asked.status).toBe(403);
    const hxList = await api.http().get('/views/orders').set('Authorization', hx).expect(200);
    const hxIds = (hxList.body.items as { orderId: string }[]).map((o) => o.orderId);
    expect(hxIds).toContain(hxOrder);
    expect(hxIds).not.toContain(lsOrder);
    const cityList = await api
      .http()
      .get('/views/orders')
      .set('Authorization', citySupervisor())
      .expect(200);
    expect((cityList.body.items as { orderId: string }[]).map((o) => o.orderId)).toEqual(
      expect.arrayContaining([lsOrder, hxOrder]),
    );
    await api
      .http()
      .get(`/views/orders/${lsOrder}`)
      .set('Authorization', unitToken('LS-SQJD'))
      .expect(200);
    await api
      .http()
      .get(`/views/orders/${lsOrder}`)
      .set('Authorization', unitToken('LS-JMJD'))
      .expect(403);
    const unitList = await api
      .http()
      .get('/views/orders')
      .set('Authorization', unitToken('LS-SQJD'))
      .expect(200);
    expect((unitList.body.items as { orderId: string }[]).map((o) => o.orderId)).toEqual([lsOrder]);
  });

  it('rankings at every level, scoped: a district centre sees its district’s only', async () => {
    const city = await api
      .http()
      .get(`/views/scores/rankings?level=city&month=${month}`)
      .set('Authorization', citySupervisor())
      .expect(200);
    expect(Object.keys(city.body.groups)).toEqual([
      'streets',
      'townships',
      'departments',
      'enterprises',
      'cityDepartments',
      'cityEnterprises',
    ]);
    expect(city.body.unranked).toEqual(expect.arrayContaining(['LS-SQJD', 'HX-XKJD', 'BJ-DT']));
    await api
      .http()
      .get(`/views/scores/rankings?level=city&month=${month}`)
      .set('Authorization', districtSupervisor('LS'))
      .expect(403);
    const ls = await api
      .http()
      .get(`/views/scores/rankings?level=district&district=LS&month=${month}`)
      .set('Authorization', districtSupervisor('LS'))
      .expect(200);
    expect(ls.body.scope).toEqual({ level: 'district', districtId: 'LS' });
    expect(ls.body.unranked).toContain('LS-SQJD');
    expect(ls.body.unranked).not.toContain('HX-XKJD');
    const missing = await api
      .http()
      .get(`/views/scores/rankings?level=district&month=${month}`)
      .set('Authorization', citySupervisor());
    expect(missing.status).toBe(400);
  });
});
