import { shanghaiMonth } from '@hotline/domain';
import type { WhistleState } from '@hotline/workflows';
import { randomUUID } from 'node:crypto';
import { WhistleStory } from '../../projector/src/projections/whistles/whistle-test-events';
import { HotlineApi } from './support/hotline-api';
import { ReadModelDb } from './support/read-model-db';
import { RunTopics } from './support/topics';
import { eventually, startTestSystem, type TestSystem } from './test-system';

/**
 * The whistle board and department evaluations (街乡吹哨、部门报到) on the real stack: a whistle
 * driven through its workflow, and a synthetic one for the misses a real clock would take a day
 * to produce. Both reach the projector over Kafka.
 */
describe('whistle board and department evaluations', () => {
  let system: TestSystem;
  let api: HotlineApi;
  let db: ReadModelDb;
  let topics: RunTopics;
  const month = shanghaiMonth(new Date());
  const get = (path: string) => api.http().get(path).set(api.as('supervisor'));

  /** Resolves once the whistles projection has applied the whistle up to `sequence`. */
  const projected = (whistleId: string, sequence: number) =>
    eventually(
      async () => {
        const [row] = await db.rows<{ n: number }>(
          `SELECT last_sequence AS n FROM projection_position
          WHERE aggregate_type = 'whistle' AND aggregate_id = $1 AND projection = 'whistles'`,
          [whistleId],
        );
        return (row?.n ?? 0) >= sequence ? true : undefined;
      },
      30_000,
      `${whistleId} projected to #${sequence}`,
    );

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

  it('follows a whistle through its workflow onto the board and into the evaluations; a replay changes nothing', async () => {
    const whistleId = `WS-XHJD-${randomUUID().slice(0, 8)}`;
    const departments = ['GZFJ', 'CGZF', 'ZJW'];
    const handle = await system.temporal.workflow.start('whistleWorkflow', {
      workflowId: whistleId,
      taskQueue: system.env.TEMPORAL_TASK_QUEUE!,
      args: [
        {
          whistleId,
          whistleType: 'routine',
          streetId: 'XHJD',
          matterTypeCode: 'CG-001', // 违法建设: on the whistle list
          title: '星湖东里3号楼顶违建拆除',
          description: '楼顶加盖彩钢房约40平方米，需规划认定、执法拆除、房屋安全评估',
          place: { address: '星湖东里3号楼', communityId: 'XHJD-01', gridId: 'XHJD-01-1' },
          summonedUnitIds: departments,
        },
      ],
    });
    await eventually(async () => {
      const s = await handle.query<WhistleState>('whistleState');
      return s.status === 'blowing' ? undefined : s;
    });
    const act = (action: string, command: object) =>
      handle.executeUpdate<WhistleState, [object]>(`${action}Update`, { args: [command] });
    const unit = (unitId: string) => ({ kind: 'unit', unitId });
    const dueBy = new Date(Date.now() + 3 * 86_400_000).toISOString();
    for (const d of departments) {
      await act('report', { actor: unit(d), representative: '科长', mode: 'on_site' });
      await act('commit', { actor: unit(d), measures: '按职责办理', dueBy });
      await act('complete', { actor: unit(d), summary: '已完成' });
      await act('ratePrecision', { actor: unit(d), needed: true, wellScoped: true }); // 吹哨精准度
      await act('verify', { actor: unit('XHJD'), departmentId: d, passed: true, note: '核查通过' });
    }
    await act('close', { actor: unit('XHJD'), outcome: 'solved', summary: '违建已拆除' });
    await act('rateDepartment', {
      actor: unit('XHJD'),
      departmentId: 'GZFJ',
      timeliness: 5,
      commitment: 5,
      result: 5,
    });
    await act('rateDepartment', {
      actor: unit('XHJD'),
      departmentId: 'CGZF',
      timeliness: 4,
      commitment: 5,
      result: 4,
    });
    await act('rateDepartment', {
      actor: unit('XHJD'),
      departmentId: 'ZJW',
      timeliness: 3,
      commitment: 4,
      result: 5,
    });
    // All rated: the workflow records the evaluation (WhistleEvaluationCompleted) and ends.
    const final = await eventually(async () => {
      const s = await handle.query<WhistleState>('whistleState');
      return s.status === 'evaluated' ? s : undefined;
    });
    const lastSequence = Math.max(...final.timeline.map((t) => t.sequence));
    await projected(whistleId, lastSequence);

    const detail = await get(`/views/whistles/${whistleId}`).expect(200);
    expect(detail.body.whistle).toMatchObject({
      status: 'closed',
      outcome: 'solved',
      level: 'street',
      ownerUnitId: 'XHJD',
      departments: 3,
      reported: 3,
      committed: 3,
      completed: 3,
      verified: 3,
      missedReports: 0,
    });
    expect(
      detail.body.departments.map(
        (d: { departmentId: string; report: string; counted: boolean; score: number }) => [
          d.departmentId,
          d.report,
          d.counted,
          d.score,
        ],
      ),
    ).toEqual([
      ['CGZF', 'on_time', true, expect.closeTo(83.33, 2)],
      ['GZFJ', 'on_time', true, 100],
      ['ZJW', 'on_time', true, 75],
    ]);
    const evaluations = await get(`/views/departments/evaluations?month=${month}`).expect(200);
    expect(
      evaluations.body.items.map((e: { departmentId: string; score: number }) => [
        e.departmentId,
        e.score,
      ]),
    ).toEqual([
      ['CGZF', expect.closeTo(83.33, 2)],
      ['GZFJ', 100],
      ['ZJW', 75],
    ]);
    expect(
      (await get('/views/whistles?status=closed&unit=ZJW').expect(200)).body.items,
    ).toHaveLength(1);

    // Scoped: the street and the summoned departments read the whistle; another unit does not.
    const asUnit = (path: string, unitId: string) =>
      api.http().get(path).set(api.as('unit', unitId));
    for (const unitId of ['XHJD', 'ZJW']) {
      await asUnit(`/views/whistles/${whistleId}`, unitId).expect(200);
      const listed = (await asUnit('/views/whistles', unitId).expect(200)).body.items;
      expect(listed.map((w: { whistleId: string }) => w.whistleId)).toContain(whistleId);
    }
    await asUnit(`/views/whistles/${whistleId}`, 'JTW').expect(404);
    const strangers = (await asUnit('/views/whistles', 'JTW').expect(200)).body.items;
    expect(strangers.map((w: { whistleId: string }) => w.whistleId)).not.toContain(whistleId);
    const own = (await asUnit(`/views/departments/evaluations?month=${month}`, 'ZJW').expect(200))
      .body.items;
    expect(own.map((e: { departmentId: string }) => e.departmentId)).toEqual(['ZJW']);
    await asUnit(`/views/departments/evaluations?month=${month}&department=CGZF`, 'ZJW').expect(
      403,
    );

    // Its whole history delivered again: every event a repeat, the views exactly as they were.
    const history = (await topics.read(topics.names.whistleEvents))
      .map((m) => JSON.parse(m.value!.toString('utf8')))
      .filter((e) => e.aggregateId === whistleId);
    expect(history).toHaveLength(lastSequence);
    const outcomes = history.map((e) => system.projected(e.eventId));
    await topics.publish(history);
    expect(new Set(await Promise.all(outcomes))).toEqual(new Set(['duplicate']));
    expect((await get(`/views/whistles/${whistleId}`).expect(200)).body).toEqual(detail.body);
    expect((await get(`/views/departments/evaluations?month=${month}`).expect(200)).body).toEqual(
      evaluations.body,
    );
  });

  it('keeps a missed report and its 督办 on the department’s record and scores it lowest (synthetic: a day’s wait)', async () => {
    const story = new WhistleStory(`WS-SYN-${randomUUID().slice(0, 8)}`);
    const events = [
      story.blown(['CGZF', 'JTW']),
      story.reported('CGZF'),
      story.committed('CGZF'),
      story.reportMissed('JTW'),
      story.escalatedDepartment('JTW'),
      story.completed('CGZF'),
      story.verified('CGZF'),
      story.closed([
        { departmentId: 'CGZF', report: 'on_time', commitment: 'made' },
        { departmentId: 'JTW', report: 'missed', commitment: 'missed' },
      ]),
    ];
    await topics.publish(events);
    await projected(story.whistleId, events.length);
    const detail = await get(`/views/whistles/${story.whistleId}`).expect(200);
    expect(detail.body.whistle).toMatchObject({
      status: 'closed',
      missedReports: 1,
      linkedOrderIds: ['HL20261123-0000042'],
    });
    expect(detail.body.departments[1]).toMatchObject({
      departmentId: 'JTW',
      report: 'missed',
      misses: ['report'],
      escalations: 1,
      counted: true,
    });
    const [jtw] = (
      await get(`/views/departments/evaluations?month=${month}&department=JTW`).expect(200)
    ).body.items;
    expect(jtw).toMatchObject({ whistles: 1, missedReports: 1, score: 0 });
  });
});
