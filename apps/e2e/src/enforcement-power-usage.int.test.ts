import { validateEvent } from '@hotline/contracts';
import { shanghaiMonth } from '@hotline/domain';
import { randomUUID } from 'node:crypto';
import { apiConfigFromEnv } from '../../api/src/api-config';
import { type Role, signToken, type StaffLevel } from '../../api/src/auth/jwt';
import { HotlineApi } from './support/hotline-api';
import { ReadModelDb } from './support/read-model-db';
import { SyntheticOrder } from './support/synthetic-events';
import { RunTopics } from './support/topics';
import { startTestSystem, type TestSystem } from './test-system';

/**
 * How devolved enforcement powers (执法职权清单) are used, on the real stack: a night-noise order
 * (CG-003, covered by ZF-CG-001) taken by the city centre in 澜山区 goes to 镜明街道's
 * comprehensive enforcement team, is handled and rated, and shows in the usage view, scoped by
 * level. Synthetic events show what a real run cannot show quickly: an order sent on to the
 * department after a return no longer counts its closure for the power, and events delivered
 * twice count once.
 */
describe('enforcement power usage (HTTP, real stack)', () => {
  let system: TestSystem;
  let api: HotlineApi;
  let db: ReadModelDb;
  let topics: RunTopics;
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
  const city = (role: Role = 'supervisor') => token(role, { level: 'city' });
  const district = (districtId: string) => token('supervisor', { level: 'district', districtId });
  const unit = (unitId: string) => token('unit', { unitId });
  const usage = (query: string, auth: string) =>
    api.http().get(`/views/enforcement-powers/usage?${query}`).set('Authorization', auth);

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

  beforeAll(async () => {
    system = await startTestSystem({ isolated: true });
    api = new HotlineApi(system);
    db = await ReadModelDb.open(system);
    topics = new RunTopics(system);
  });
  afterAll(async () => {
    await db?.close();
    await system?.stop();
  });

  it('an order under a devolved power goes to the street’s team, is handled, rated and counted', async () => {
    const res = await api
      .http()
      .post('/orders')
      .set('Authorization', city('operator'))
      .send({
        idempotencyKey: `e2e-power-${randomUUID()}`,
        channel: 'phone',
        category: 'complaint',
        content: '镜明街道工地夜间施工噪音很大，22点以后还在干',
        address: '澜山区镜明街道2号工地',
        streetId: 'LS-JMJD',
        communityId: 'LS-JMJD-01',
        matterTypeCode: 'CG-003',
        screening: { outcome: 'accept' },
        caller: { name: '李女士', phone: '13900002222' },
      });
    expect(res.status).toBe(201);
    const orderId = res.body.orderId as string;
    const dispatched = await api.untilStatus(orderId, 'dispatched');
    expect(dispatched).toMatchObject({
      leadUnitId: 'LS-JMJD',
      levels: {
        districtId: 'LS',
        enforcement: { powerId: 'ZF-CG-001', teamName: '镜明街道综合执法队' },
      },
    });
    const team = unit('LS-JMJD');
    await act(orderId, 'acknowledge', {}, team);
    await act(orderId, 'respond', { note: '执法队已电话联系李女士' }, team);
    await act(
      orderId,
      'resolve',
      { outcome: 'solved', summary: '已责令停止夜间施工并立案处罚' },
      team,
    );
    const closed = await act(
      orderId,
      'callback',
      { reached: true, solved: true, satisfaction: 'satisfied' },
      city('operator'),
    );
    expect(closed).toMatchObject({ status: 'closed', closure: 'completed' });
    await db.untilProjected(orderId, await api.lastSequence(orderId));

    const all = await usage(`month=${month}`, city()).expect(200);
    expect(all.body.items).toContainEqual(
      expect.objectContaining({
        powerId: 'ZF-CG-001',
        powerName: '对建设工程施工单位夜间施工产生噪声扰民的处罚',
        streetId: 'LS-JMJD',
        streetName: '镜明街道办事处',
        districtId: 'LS',
        dispatched: 1,
        closed: 1,
        counted: 1,
        closedOnTime: 1,
        satisfied: 1,
        onTimeRate: 1,
        responseRate: 1,
        resolutionRate: 1,
        satisfactionRate: 1,
      }),
    );
  });

  it('counts the power’s closures only for orders still under it, and each event once', async () => {
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const power = {
      powerId: 'ZF-CG-001',
      powerName: '对建设工程施工单位夜间施工产生噪声扰民的处罚',
      supportUnitId: 'LS-CGZF',
    };
    // As routing dispatches it: the power stays named after the street returned it, with the
    // department leading as support.
    const dispatched = (o: SyntheticOrder, lead: string, attempt: number) =>
      o.next('OrderDispatched', {
        leadUnitId: lead,
        assistingUnitIds: [],
        supervisingUnitIds: ['LS-ZHZX'],
        attempt,
        rule: 'synthetic',
        dispatchedBy: 'rules',
        matterTypeCode: 'CG-003',
        streetId: 'LS-SQJD',
        districtId: 'LS',
        deadlines: { acknowledgeBy: at(3_600_000) },
        enforcement: { ...power, streetId: 'LS-SQJD', teamName: '松泉街道综合执法队' },
      });
    const closedEvent = (o: SyntheticOrder, lead: string, satisfaction: string, onTime: boolean) =>
      o.next('OrderClosed', {
        closure: 'completed',
        leadUnitId: lead,
        respondedWithinLimit: true,
        resolvedWithinLimit: onTime,
        callback: { answered: true, solved: satisfaction !== 'dissatisfied', satisfaction },
        reworkRounds: 0,
        returnCount: 0,
        excluded: false,
        breaches: [],
      });
    const received = (o: SyntheticOrder, streetId: string) =>
      o.received({
        location: { address: '合成地址', streetId },
        takenBy: { level: 'city' },
      });

    // Sent to 松泉街道's team, returned, sent on to the district's 城管执法局: counted as
    // dispatched under the power, its closure not.
    const returned = new SyntheticOrder();
    const returnedEvents = [
      received(returned, 'LS-SQJD'),
      dispatched(returned, 'LS-SQJD', 1),
      returned.next('OrderReturned', {
        unitId: 'LS-SQJD',
        reason: 'wrong_jurisdiction',
        explanation: '工地位于区属重点工程，由区城管执法局办理',
        returnCount: 1,
      }),
      dispatched(returned, 'LS-CGZF', 2),
      closedEvent(returned, 'LS-CGZF', 'satisfied', true),
    ];
    // 禾溪区's 溪口街道: late and dissatisfied, every event delivered twice; dispatched as before
    // the team's street was named on the event (the place's street tells it).
    const twice = new SyntheticOrder();
    const twiceEvents = [
      received(twice, 'HX-XKJD'),
      twice.next('OrderDispatched', {
        leadUnitId: 'HX-XKJD',
        assistingUnitIds: ['HX-CGZF'],
        supervisingUnitIds: ['HX-ZHZX'],
        attempt: 1,
        rule: 'synthetic',
        dispatchedBy: 'rules',
        matterTypeCode: 'CG-003',
        streetId: 'HX-XKJD',
        districtId: 'HX',
        deadlines: { acknowledgeBy: at(3_600_000) },
        enforcement: { ...power, teamName: '溪口街道综合执法队', supportUnitId: 'HX-CGZF' },
      }),
      closedEvent(twice, 'HX-XKJD', 'dissatisfied', false),
    ];
    for (const e of [...returnedEvents, ...twiceEvents]) validateEvent(e);
    await topics.publish([...returnedEvents, ...twiceEvents]);
    await topics.publish(twiceEvents);
    await db.untilProjected(returned.orderId, returnedEvents.length);
    await db.untilProjected(twice.orderId, twiceEvents.length);

    const ls = await usage(`month=${month}&street=LS-SQJD`, city()).expect(200);
    expect(ls.body.items).toEqual([
      expect.objectContaining({ streetId: 'LS-SQJD', dispatched: 1, closed: 0, counted: 0 }),
    ]);
    expect(ls.body.items[0].satisfactionRate).toBeNull();
    const hx = await usage(`month=${month}&district=HX`, district('HX')).expect(200);
    expect(hx.body.items).toEqual([
      expect.objectContaining({
        powerId: 'ZF-CG-001',
        streetId: 'HX-XKJD',
        districtId: 'HX',
        dispatched: 1,
        closed: 1,
        counted: 1,
        closedOnTime: 0,
        dissatisfied: 1,
        onTimeRate: 0,
        satisfactionRate: 0,
      }),
    ]);
    // The power's totals over the city's streets: 镜明 (HTTP above), 松泉 and 溪口.
    const all = await usage(`month=${month}&power=ZF-CG-001`, city()).expect(200);
    expect(all.body.items.map((i: { streetId: string }) => i.streetId)).toEqual([
      'HX-XKJD',
      'LS-JMJD',
      'LS-SQJD',
    ]);
    expect(all.body.powers).toEqual([
      expect.objectContaining({
        powerId: 'ZF-CG-001',
        streets: 3,
        dispatched: 3,
        closed: 2,
        closedOnTime: 1,
        onTimeRate: 0.5,
        satisfactionRate: 0.5,
      }),
    ]);
  });

  it('is scoped by level: the city sees all, a district its own streets, a street its own', async () => {
    const ls = await usage(`month=${month}`, district('LS')).expect(200);
    expect(new Set(ls.body.items.map((i: { districtId: string }) => i.districtId))).toEqual(
      new Set(['LS']),
    );
    const refused = await usage(`month=${month}&district=HX`, district('LS')).expect(403);
    expect(refused.body.message).toMatch(/区级账号只能查看本区（LS）/);
    const own = await usage(`month=${month}`, unit('LS-JMJD')).expect(200);
    expect(own.body.items.map((i: { streetId: string }) => i.streetId)).toEqual(['LS-JMJD']);
    const other = await usage(`month=${month}&street=HX-XKJD`, unit('LS-JMJD')).expect(403);
    expect(other.body.message).toMatch(/只能查看本单位（LS-JMJD）/);
    await usage(`month=${month}`, unit('LS-CGZF')).expect(200, { month, items: [], powers: [] });
    const bad = await usage('month=2026-13', city()).expect(400);
    expect(bad.body.fields).toEqual([
      { field: 'month', message: '月份格式应为 YYYY-MM，例如 2026-11' },
    ]);
    await usage(`month=${month}&district=ZZ`, city()).expect(404);
    await api.http().get('/views/enforcement-powers/usage').expect(401);
  });
});
