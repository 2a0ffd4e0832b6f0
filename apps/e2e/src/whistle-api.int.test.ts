import request from 'supertest';
import { eventually, startTestSystem, type TestSystem } from './test-system';

/**
 * A whistle (街乡吹哨、部门报到) driven through the HTTP API on the real stack: 星湖街道 (XHJD)
 * blows it for an illegal structure (CG-001 违法建设); 城管执法 (CGZF) reports, commits and
 * delivers; 住建委 (ZJW) never reports; the street verifies, rates and closes.
 */
describe('a whistle through the API', () => {
  let system: TestSystem;
  const http = () => request(system.api.app.getHttpServer());
  const as = (role: 'unit' | 'supervisor' | 'operator', unitId?: string) => ({
    Authorization: `Bearer ${system.token(role, unitId)}`,
  });
  const street = () => as('unit', 'XHJD');
  const cgzf = () => as('unit', 'CGZF');

  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  const blow = () =>
    http()
      .post('/whistles')
      .set(street())
      .send({
        whistleType: 'routine',
        matterTypeCode: 'CG-001',
        title: '星湖东里3号楼顶违建拆除',
        description: '楼顶私搭乱建约40平方米，住户多次投诉，街道无执法权，请城管执法、住建部门报到',
        place: { address: '星湖东里3号楼', communityId: 'XHJD-01' },
        summonedUnitIds: ['CGZF', 'ZJW'],
      });

  it('runs blow → report → commit → complete → verify → close → rate, with the missing department on record', async () => {
    const { body } = await blow().expect(201);
    const whistleId: string = body.whistleId;
    expect(whistleId).toMatch(/^WS\d{8}-XHJD-[0-9A-F]{6}$/);
    await eventually(async () =>
      (await http().get(`/whistles/${whistleId}`).set(street())).body.status === 'open'
        ? true
        : undefined,
    );

    await http()
      .post(`/whistles/${whistleId}/report`)
      .set(cgzf())
      .send({ representative: '城管执法队二中队长', mode: 'on_site' })
      .expect(200);
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString();
    await http()
      .post(`/whistles/${whistleId}/commit`)
      .set(cgzf())
      .send({ measures: '三日内依法拆除，住建配合鉴定结构安全', dueBy: due })
      .expect(200);
    await http()
      .post(`/whistles/${whistleId}/complete`)
      .set(cgzf())
      .send({ summary: '违建已拆除，建材清运完毕' })
      .expect(200);
    await http()
      .post(`/whistles/${whistleId}/verify`)
      .set(street())
      .send({ departmentId: 'CGZF', passed: true, note: '现场核查已拆除' })
      .expect(200);
    await http()
      .post(`/whistles/${whistleId}/close`)
      .set(street())
      .send({ outcome: 'solved', summary: '违建拆除，问题解决' })
      .expect(200);
    // 双向评价 after closing: the street rates the department, the department rates the whistle.
    await http()
      .post(`/whistles/${whistleId}/precision-rating`)
      .set(cgzf())
      .send({ needed: true, wellScoped: true })
      .expect(200);
    const closed = await http()
      .post(`/whistles/${whistleId}/department-rating`)
      .set(street())
      .send({ departmentId: 'CGZF', timeliness: 5, commitment: 4, result: 5 })
      .expect(200);

    expect(closed.body.status).toMatch(/closed|evaluated/);
    const cg = closed.body.departments.find(
      (d: { departmentId: string }) => d.departmentId === 'CGZF',
    );
    expect(cg).toMatchObject({
      status: 'verified',
      rating: { timeliness: 5, commitment: 4, result: 5 },
    });
    const zjw = closed.body.departments.find(
      (d: { departmentId: string }) => d.departmentId === 'ZJW',
    );
    expect(zjw.report).toBeUndefined();
    const participation = closed.body.participations as {
      departmentId?: string;
      unitId?: string;
      report: string;
    }[];
    const zjwRecord = participation.find((p) => (p.departmentId ?? p.unitId) === 'ZJW');
    expect(zjwRecord?.report).toBe('missed');
  });

  it('refuses out-of-scope whistles (400 with reasons), strangers (403) and wrong moments (409)', async () => {
    const offList = await http()
      .post('/whistles')
      .set(street())
      .send({
        whistleType: 'routine',
        matterTypeCode: 'CG-010', // 路灯故障: not on the whistle list
        title: '路灯不亮',
        description: '星湖东路路灯不亮一周',
        place: { address: '星湖东路' },
        summonedUnitIds: ['CGW'],
      })
      .expect(400);
    expect(JSON.stringify(offList.body.fields)).toContain('CG-010');

    await http().post('/whistles').set(cgzf()).send({}).expect(400); // body first
    const asDepartment = await http()
      .post('/whistles')
      .set(cgzf())
      .send({
        whistleType: 'routine',
        matterTypeCode: 'CG-001',
        title: '违建',
        description: '违建拆除',
        place: { address: '某处' },
        summonedUnitIds: ['ZJW'],
      })
      .expect(403);
    expect(asDepartment.body.message).toMatch(/只有街道、乡镇可以吹哨/);

    const { body } = await blow().expect(201);
    await eventually(async () =>
      (await http().get(`/whistles/${body.whistleId}`).set(street())).body.status === 'open'
        ? true
        : undefined,
    );
    // 交通委 (JTW) was not summoned: it may neither report nor read.
    await http()
      .post(`/whistles/${body.whistleId}/report`)
      .set(as('unit', 'JTW'))
      .send({ representative: '科长', mode: 'remote' })
      .expect(403);
    await http().get(`/whistles/${body.whistleId}`).set(as('unit', 'JTW')).expect(403);
    // Committing before reporting is the wrong moment.
    const early = await http()
      .post(`/whistles/${body.whistleId}/commit`)
      .set(cgzf())
      .send({ measures: '拆除', dueBy: new Date(Date.now() + 86_400_000).toISOString() })
      .expect(409);
    expect(early.body.currentStatus).toBe('open');
    await http()
      .post(`/whistles/${body.whistleId}/no-such-action`)
      .set(cgzf())
      .send({})
      .expect(400);
  });

  it('lets the street that leads an order escalate it to a whistle; the order waits for it', async () => {
    const phone = `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const submitted = await http()
      .post('/orders')
      .set(as('operator'))
      .send({
        idempotencyKey: `whistle-order-${Date.now()}-${phone}`,
        channel: 'phone',
        category: 'complaint',
        content: '星湖东里5号楼顶有人私搭乱建，加盖房子，存在安全隐患',
        address: '星湖东里5号楼',
        streetId: 'XHJD',
        communityId: 'XHJD-01',
        caller: { name: '王先生', phone },
      })
      .expect(201);
    const orderId: string = submitted.body.orderId;
    const dispatched = await eventually(async () => {
      const r = await http().get(`/orders/${orderId}`).set(as('supervisor'));
      return r.body.state?.status === 'dispatched' ? r.body.state : undefined;
    });
    expect(dispatched.leadUnitId).toBe('XHJD'); // 违法建设: the street leads (街道负责)
    await http().post(`/orders/${orderId}/acknowledge`).set(street()).send({}).expect(200);
    const waiting = await http()
      .post(`/orders/${orderId}/escalate-to-whistle`)
      .set(street())
      .send({
        whistleType: 'routine',
        summonedUnitIds: ['CGZF'],
        title: '星湖东里5号楼顶违建',
        description: '需城管执法依法拆除',
      })
      .expect(200);
    expect(waiting.body.whistle).toBeDefined();
    const whistleId = `${orderId}-W1`;
    const whistle = await eventually(async () => {
      const r = await http().get(`/whistles/${whistleId}`).set(street());
      return r.status === 200 && r.body.status === 'open' ? r.body : undefined;
    });
    expect(whistle.linkedOrderIds).toEqual([orderId]);
    // While it waits for the whistle, the order cannot be resolved.
    await http()
      .post(`/orders/${orderId}/resolve`)
      .set(street())
      .send({ outcome: 'solved', summary: '已处理' })
      .expect(409);
  });
  it('lets a street of 澜山区 summon its own district’s departments and escalate to its own centre', async () => {
    const ls = () => as('unit', 'LS-JMJD');
    const lsWhistle = (summonedUnitIds: string[]) =>
      http()
        .post('/whistles')
        .set(ls())
        .send({
          whistleType: 'routine',
          matterTypeCode: 'CG-001',
          title: '镜明小区5号楼顶违建拆除',
          description: '楼顶私搭乱建约30平方米，街道无执法权，请区规自分局、住建委报到',
          place: { address: '镜明小区5号楼', communityId: 'LS-JMJD-01' },
          summonedUnitIds,
        });
    // 云川区's department has no duty in 澜山区.
    const refused = await lsWhistle(['GZFJ', 'LS-ZJW']).expect(400);
    expect(refused.body.fields).toEqual([
      { field: 'summonedUnitIds[GZFJ]', message: expect.stringMatching(/没有法定职责/) },
    ]);
    const { body } = await lsWhistle(['LS-GZFJ', 'LS-ZJW']).expect(201);
    const whistleId: string = body.whistleId;
    expect(whistleId).toMatch(/^WS\d{8}-LS-JMJD-[0-9A-F]{6}$/);
    await eventually(async () =>
      (await http().get(`/whistles/${whistleId}`).set(ls())).body.status === 'open'
        ? true
        : undefined,
    );
    await http()
      .post(`/whistles/${whistleId}/report`)
      .set(as('unit', 'LS-GZFJ'))
      .send({ representative: '规自分局执法科长', mode: 'on_site' })
      .expect(200);
    await http()
      .post(`/whistles/${whistleId}/escalate`)
      .set(ls())
      .send({ reason: '产权遗留问题需区级调度会研究', whistleType: 'key_task' })
      .expect(200);
    const district = await eventually(async () => {
      const r = await http().get(`/whistles/${whistleId}-district`).set(as('unit', 'LS-ZHZX'));
      return r.body.status === 'open' ? r.body : undefined;
    });
    expect(district).toMatchObject({
      level: 'district',
      ownerUnitId: 'LS-ZHZX',
      streetId: 'LS-JMJD',
      escalatedFromWhistleId: whistleId,
    });
    // 云川区's centre does not run 澜山区's district whistle.
    await http().get(`/whistles/${whistleId}-district`).set(as('unit', 'ZHZX')).expect(403);
  });
});
