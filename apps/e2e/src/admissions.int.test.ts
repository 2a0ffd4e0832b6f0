import { HotlineApi } from './support/hotline-api';
import { eventually, startTestSystem, type TestSystem } from './test-system';

/**
 * Duty admission (准入) through HTTP on the real stack: a department applies, the office returns
 * it for more information, the department resubmits, the office admits it — and the task appears
 * on the admission list as it stands, after the published entries, with its list version.
 */
describe('duty admission: apply, return, resubmit, admit, and the list as it stands', () => {
  let system: TestSystem;
  let api: HotlineApi;

  beforeAll(async () => {
    system = await startTestSystem({ isolated: true });
    api = new HotlineApi(system);
  });
  afterAll(async () => {
    await system?.stop();
  });

  const application = {
    taskName: '适龄儿童疫苗接种入户提醒',
    description: '社区对辖区适龄儿童家庭入户提醒按时接种',
    level: 'community',
    list: 'assisting',
    legalBasis: '《疫苗管理法》第四十七条',
    frequency: '每月',
    resources: '区卫健委派一名公卫医生驻点',
    funding: '待定',
  };

  it('runs the procedure through the API and the read models', async () => {
    const applied = await api
      .http()
      .post('/admissions')
      .set(api.as('unit', 'WJW'))
      .send(application)
      .expect(201);
    const id = applied.body.applicationId as string;
    expect(id).toMatch(/^ZS-\d{8}-[0-9A-F]{6}$/);

    const state = await eventually(
      async () => {
        const r = await api.http().get(`/admissions/${id}`).set(api.as('unit', 'WJW'));
        return r.status === 200 && r.body.reviewBy ? r.body : undefined;
      },
      30_000,
      `${id} applied`,
    );
    expect(state.findings.map((f: { kind: string }) => f.kind)).toEqual(['missing_funding']);

    // A street cannot review, another department cannot read it.
    await api
      .http()
      .post(`/admissions/${id}/review`)
      .set(api.as('unit', 'XHJD'))
      .send({ decision: 'admit', note: '同意' })
      .expect(403);
    await api.http().get(`/admissions/${id}`).set(api.as('unit', 'CGW')).expect(404);

    const returned = await api
      .http()
      .post(`/admissions/${id}/review`)
      .set(api.as('supervisor'))
      .send({ decision: 'return', missing: ['funding'], note: '请写明经费来源' })
      .expect(200);
    expect(returned.body.status).toBe('returned');
    const conflict = await api
      .http()
      .post(`/admissions/${id}/review`)
      .set(api.as('supervisor'))
      .send({ decision: 'admit', note: '同意' })
      .expect(409);
    expect(conflict.body.currentStatus).toBe('returned');

    await api
      .http()
      .post(`/admissions/${id}/resubmit`)
      .set(api.as('unit', 'WJW'))
      .send({ ...application, funding: '区财政专项，每社区每年2万元' })
      .expect(200);
    const admitted = await api
      .http()
      .post(`/admissions/${id}/review`)
      .set(api.as('supervisor'))
      .send({ decision: 'admit', note: '同意准入' })
      .expect(200);
    expect(admitted.body).toMatchObject({ status: 'admitted', entryCode: `ZR-${id.slice(3)}` });

    const list = await eventually(
      async () => {
        const r = await api
          .http()
          .get('/views/admission-list?level=community')
          .set(api.as('auditor'));
        return r.body.entries?.some((e: { code: string }) => e.code === `ZR-${id.slice(3)}`)
          ? r.body
          : undefined;
      },
      30_000,
      'the admitted task on the list',
    );
    expect(list.version).toBe(`${list.publishedVersion}+1`);
    const entry = list.entries.find((e: { code: string }) => e.code === `ZR-${id.slice(3)}`);
    expect(entry).toMatchObject({ source: 'admitted', listVersion: 1, departmentId: 'WJW' });
    expect(
      list.entries.filter((e: { source: string }) => e.source === 'published').length,
    ).toBeGreaterThan(0);

    const mine = await api.http().get('/views/admissions').set(api.as('unit', 'WJW')).expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ applicationId: id, status: 'admitted', returnCount: 1 }),
    ]);
    const others = await api.http().get('/views/admissions').set(api.as('unit', 'CGW')).expect(200);
    expect(others.body.items).toEqual([]);
  });

  it('answers bad input with the fields at fault, never a 500', async () => {
    const bad = await api
      .http()
      .post('/admissions')
      .set(api.as('unit', 'WJW'))
      .send({ ...application, level: 'district' })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain('level');
    await api.http().post('/admissions').set(api.as('unit', 'XHJD')).send(application).expect(403);
    await api.http().get('/admissions/not-an-id').set(api.as('supervisor')).expect(400);
    await api
      .http()
      .post('/admissions/ZS-20261128-ABCDEF/review')
      .set(api.as('supervisor'))
      .send({ decision: 'admit', note: 'x' })
      .expect(404);
  });
});
