import { shanghaiMonth } from '@hotline/domain';
import { HotlineApi } from './support/hotline-api';
import { ReadModelDb } from './support/read-model-db';
import { SyntheticOrder } from './support/synthetic-events';
import { RunTopics } from './support/topics';
import { eventually, startTestSystem, type TestSystem } from './test-system';

/**
 * Proactive tasks (未诉先办, 每月一题) through HTTP on the real stack: five noise complaints in one
 * community make a hotspot; the centre turns it into a task for the street (which the duty list
 * gives the enforcement bureau to lead: flagged as off-list work at dispatch); the street plans,
 * reports progress and completion; the centre sends it back once, then accepts it — and the task
 * waits out the measurement weeks. A monthly topic becomes a task only when it is a candidate.
 * The off-list view counts the street's off-list work (the task, and an order it was made to lead)
 * beside the size of its list.
 */
describe('proactive tasks: from a hotspot or a monthly topic to a verified task, and off-list work', () => {
  let system: TestSystem;
  let api: HotlineApi;
  let db: ReadModelDb;

  beforeAll(async () => {
    system = await startTestSystem({ isolated: true });
    api = new HotlineApi(system);
    db = await ReadModelDb.open(system);
  });
  afterAll(async () => {
    await db?.close();
    await system?.stop();
  });

  const dueBy = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

  async function untilTask(id: string, role: 'supervisor' | 'unit', unitId?: string) {
    return eventually(
      async () => {
        const r = await api.http().get(`/proactive-tasks/${id}`).set(api.as(role, unitId));
        return r.status === 200 && r.body.planBy ? r.body : undefined;
      },
      30_000,
      `${id} started`,
    );
  }

  it('runs a hotspot task through plan, progress, completion, send-back and acceptance', async () => {
    for (let i = 0; i < 5; i++)
      await api.submitted(api.noiseCall({ communityId: 'XHJD-02', gridId: 'XHJD-02-1' }));
    const hotspot = await eventually(
      async () => {
        const r = await api
          .http()
          .get('/views/hotspots?community=XHJD-02')
          .set(api.as('supervisor'))
          .expect(200);
        return r.body.items[0] as { hotspotId: string; orderIds: string[] } | undefined;
      },
      30_000,
      'a hotspot in XHJD-02',
    );

    // Only the centre starts tasks; bad input is refused with words, not a 500.
    await api
      .http()
      .post('/proactive-tasks')
      .set(api.as('unit', 'XHJD'))
      .send({ source: { kind: 'hotspot', hotspotId: hotspot.hotspotId }, dueBy: dueBy() })
      .expect(403);
    const bad = await api
      .http()
      .post('/proactive-tasks')
      .set(api.as('supervisor'))
      .send({ source: { kind: 'hotspot', hotspotId: hotspot.hotspotId }, dueBy: 'next week' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/dueBy/);
    await api
      .http()
      .post('/proactive-tasks')
      .set(api.as('supervisor'))
      .send({ source: { kind: 'hotspot', hotspotId: 'CG-003|XHJD-09|2026-01-01' }, dueBy: dueBy() })
      .expect(404);

    const started = await api
      .http()
      .post('/proactive-tasks')
      .set(api.as('supervisor'))
      .send({ source: { kind: 'hotspot', hotspotId: hotspot.hotspotId }, dueBy: dueBy() })
      .expect(201);
    const id = started.body.taskId as string;
    expect(id).toMatch(/^ZD-\d{8}-[0-9A-F]{6}$/);
    expect(started.body).toMatchObject({
      ownerUnitId: 'XHJD',
      scope: { matterTypeCode: 'CG-003', streetId: 'XHJD', communityId: 'XHJD-02' },
    });
    const state = await untilTask(id, 'unit', 'XHJD');
    // The duty list gives noise from construction to the enforcement bureau: off-list for the street.
    expect(state.admission).toMatchObject({ onList: false, reason: 'street_only_assists' });
    expect(state.source.orderIds).toEqual(hotspot.orderIds);
    await api.http().get(`/proactive-tasks/${id}`).set(api.as('unit', 'LYJD')).expect(404);

    const plan = {
      plan: '会同城管执法约谈施工单位，夜间巡查',
      measures: ['约谈施工单位', '夜间巡查两周'],
    };
    await api
      .http()
      .post(`/proactive-tasks/${id}/plan`)
      .set(api.as('unit', 'LYJD'))
      .send(plan)
      .expect(403);
    await api
      .http()
      .post(`/proactive-tasks/${id}/plan`)
      .set(api.as('unit', 'XHJD'))
      .send(plan)
      .expect(200);
    await api
      .http()
      .post(`/proactive-tasks/${id}/progress`)
      .set(api.as('unit', 'XHJD'))
      .send({ note: '已约谈施工单位', percent: 150 })
      .expect(400);
    await api
      .http()
      .post(`/proactive-tasks/${id}/progress`)
      .set(api.as('unit', 'XHJD'))
      .send({ note: '已约谈施工单位', percent: 50 })
      .expect(200);
    const early = await api
      .http()
      .post(`/proactive-tasks/${id}/verify`)
      .set(api.as('supervisor'))
      .send({ decision: 'accept' })
      .expect(409);
    expect(early.body.currentStatus).toBe('in_progress');
    const complete = () =>
      api
        .http()
        .post(`/proactive-tasks/${id}/complete`)
        .set(api.as('unit', 'XHJD'))
        .send({ summary: '施工单位承诺22点后停工，巡查未再发现' })
        .expect(200);
    expect((await complete()).body).toMatchObject({ status: 'verifying', percent: 100 });
    await api
      .http()
      .post(`/proactive-tasks/${id}/verify`)
      .set(api.as('unit', 'XHJD'))
      .send({ decision: 'accept' })
      .expect(403);
    const sentBack = await api
      .http()
      .post(`/proactive-tasks/${id}/verify`)
      .set(api.as('supervisor'))
      .send({ decision: 'send_back', note: '回访仍有居民反映夜间施工' })
      .expect(200);
    expect(sentBack.body).toMatchObject({ status: 'in_progress', sendBackCount: 1 });
    await complete();
    const accepted = await api
      .http()
      .post(`/proactive-tasks/${id}/verify`)
      .set(api.as('supervisor'))
      .send({ decision: 'accept', note: '复核通过' })
      .expect(200);
    expect(accepted.body.status).toBe('measuring');
    expect(Date.parse(accepted.body.measureAt)).toBeGreaterThan(Date.now() + 28 * 86_400_000);

    const row = await eventually(async () => {
      const r = await api
        .http()
        .get('/views/proactive-tasks')
        .set(api.as('unit', 'XHJD'))
        .expect(200);
      const t = r.body.items.find((x: { taskId: string }) => x.taskId === id);
      return t?.status === 'measuring' ? t : undefined;
    });
    expect(row).toMatchObject({
      ownerUnitId: 'XHJD',
      sourceKind: 'hotspot',
      offList: true,
      admissionReason: 'street_only_assists',
      sendBackCount: 1,
      percent: 100,
      verdict: null,
    });
    const other = await api
      .http()
      .get('/views/proactive-tasks')
      .set(api.as('unit', 'LYJD'))
      .expect(200);
    expect(other.body.items).toEqual([]);
  });

  it('starts a monthly topic only when it is among the month’s candidates', async () => {
    const month = shanghaiMonth(new Date());
    await eventually(async () => {
      const r = await api
        .http()
        .get(`/views/monthly-topics?month=${month}`)
        .set(api.as('supervisor'));
      return r.body.candidates?.some(
        (c: { matterTypeCode: string }) => c.matterTypeCode === 'CG-003',
      )
        ? true
        : undefined;
    });
    const refused = await api
      .http()
      .post('/proactive-tasks')
      .set(api.as('supervisor'))
      .send({
        source: { kind: 'monthly_topic', month, matterTypeCode: 'DQ-001' },
        ownerUnitId: 'CGZF',
        dueBy: dueBy(),
      })
      .expect(422);
    expect(refused.body.message).toMatch(/不在 .* 的每月一题候选中/);
    const started = await api
      .http()
      .post('/proactive-tasks')
      .set(api.as('supervisor'))
      .send({
        source: { kind: 'monthly_topic', month, matterTypeCode: 'CG-003' },
        ownerUnitId: 'CGZF',
        dueBy: dueBy(),
      })
      .expect(201);
    const state = await untilTask(started.body.taskId, 'unit', 'CGZF');
    expect(state).toMatchObject({
      status: 'planning',
      ownerUnitId: 'CGZF',
      source: { kind: 'monthly_topic', month },
      admission: { onList: true, reason: 'not_a_street' },
    });
    const cancelled = await api
      .http()
      .post(`/proactive-tasks/${started.body.taskId}/cancel`)
      .set(api.as('supervisor'))
      .send({ reason: '与区级专项合并' })
      .expect(200);
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('counts a street’s off-list work per unit beside its list: the task, and an order it was made to lead', async () => {
    const synthetic = new SyntheticOrder();
    await new RunTopics(system).publish([
      synthetic.received(),
      synthetic.dispatched(new Date(Date.now() + 3_600_000), 'XHJD'),
    ]);
    await db.untilProjected(synthetic.orderId, 2);
    const view = await eventually(async () => {
      const r = await api.http().get('/views/off-list-work').set(api.as('supervisor')).expect(200);
      const x = r.body.items.find((i: { unitId: string }) => i.unitId === 'XHJD');
      return x?.orders === 1 && x?.proactiveTasks === 1 ? r.body : undefined;
    });
    const xhjd = view.items.find((i: { unitId: string }) => i.unitId === 'XHJD');
    expect(xhjd).toMatchObject({
      unitName: '星湖街道办事处',
      offList: 2,
      whistles: 0,
      matterTypes: 1,
    });
    expect(xhjd.listedCommunityTasks + xhjd.listedStreetTasks).toBeGreaterThanOrEqual(8);
    // Rule-dispatched noise orders (the bureau leads, the street assists) are on the list.
    expect(view.items.map((i: { unitId: string }) => i.unitId)).toEqual(['XHJD']);

    const detail = await api
      .http()
      .get('/views/off-list-work/XHJD')
      .set(api.as('unit', 'XHJD'))
      .expect(200);
    expect(detail.body.items.map((i: { workKind: string }) => i.workKind).sort()).toEqual([
      'order',
      'proactive_task',
    ]);
    expect(detail.body.items[0].explanation).toMatch(/仅参与配合/);
    await api.http().get('/views/off-list-work/XHJD').set(api.as('unit', 'LYJD')).expect(404);
    const own = await api
      .http()
      .get('/views/off-list-work')
      .set(api.as('unit', 'LYJD'))
      .expect(200);
    expect(own.body.items).toEqual([]);
  });

  it('puts the task and the off-list work in the street’s ledger for the month (电子台账)', async () => {
    const month = shanghaiMonth(new Date());
    const asked = await api
      .http()
      .post('/ledgers')
      .set(api.as('unit', 'XHJD'))
      .send({ unitId: 'XHJD', month })
      .expect(202);
    const job = await eventually(
      async () => {
        const r = await api
          .http()
          .get(`/ledgers/${asked.body.ledgerId}`)
          .set(api.as('unit', 'XHJD'));
        return r.body.status === 'done' || r.body.status === 'failed' ? r.body : undefined;
      },
      60_000,
      'the ledger',
    );
    expect(job.status).toBe('done');
    const section = (title: string) =>
      job.figures.find((f: { title: string }) => f.title === title) as {
        lines: { key: string; value: number }[];
      };
    const value = (title: string, key: string) =>
      section(title).lines.find((l) => l.key === key)!.value;
    expect(value('六、准入事项', 'off_list_work')).toBe(2);
    expect(value('六、准入事项', 'admission_list_in_force')).toBeGreaterThanOrEqual(8);
    expect(value('七、主动治理（未诉先办）', 'tasks_started')).toBe(1);
    expect(value('七、主动治理（未诉先办）', 'tasks_verified')).toBe(1);
    expect(value('七、主动治理（未诉先办）', 'tasks_sent_back')).toBe(1);
  });
});
