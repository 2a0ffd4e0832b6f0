import { type EventEnvelope } from '@hotline/contracts';
import { sampleReferenceData, shanghaiMonth } from '@hotline/domain';
import { createDataSource, databaseConfigFromEnv } from '@hotline/persistence';
import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { allProjections } from '../../projector/src/projections';
import { ProjectionRunner } from '../../projector/src/runner/projection-runner';
import { inTransaction } from '../../projector/src/runner/transaction';
import { HotlineApi } from './support/hotline-api';
import { startTestSystem, type TestSystem } from './test-system';

/**
 * The whistle board and department evaluations (街乡吹哨、部门报到) on the real PostgreSQL and
 * the real API. The whistle event contract (libs/contracts/src/events/whistle-events.ts) is not
 * registered yet, so Kafka would dead-letter these events: they go through the projector's own
 * runner and transaction instead — everything but the topic. Switch to publishing them once the
 * contract lands.
 */
describe('whistle board and department evaluations', () => {
  let system: TestSystem;
  let api: HotlineApi;
  let db: DataSource;
  const runner = new ProjectionRunner(allProjections(sampleReferenceData()));
  const whistleId = `WH-${randomUUID().slice(0, 8)}`;
  let sequence = 0;
  const event = (type: string, payload: Record<string, unknown>): EventEnvelope => ({
    eventId: randomUUID(),
    aggregateType: 'whistle',
    aggregateId: whistleId,
    sequence: ++sequence,
    type,
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    payload,
  });
  const apply = async (events: EventEnvelope[]) => {
    const outcomes = [];
    for (const e of events)
      outcomes.push((await inTransaction(db, (sql) => runner.apply(e, sql))).outcome);
    return outcomes;
  };
  const get = (path: string) => api.http().get(path).set(api.as('supervisor'));

  beforeAll(async () => {
    system = await startTestSystem({ isolated: true });
    api = new HotlineApi(system);
    db = await createDataSource(databaseConfigFromEnv(system.env)).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await system?.stop();
  });

  it('shows a whistle department by department, evaluates them when it closes, and ignores a replay', async () => {
    const history = [
      event('WhistleBlown', {
        whistleId,
        streetId: 'XHJD',
        whistleType: 'routine',
        matterTypeCode: 'CG-010',
        title: '星湖东里违建拆除',
        summonedUnitIds: ['CGZF', 'ZJW'],
        reportBy: new Date(Date.now() + 86_400_000).toISOString(),
      }),
      event('DepartmentReported', { departmentId: 'CGZF', mode: 'on_site', withinLimit: true }),
      event('CommitmentMade', {
        departmentId: 'CGZF',
        measures: '三日内拆除',
        dueBy: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      }),
      event('ReportDeadlineMissed', { departmentId: 'ZJW' }),
    ];
    expect(await apply(history)).toEqual(['applied', 'applied', 'applied', 'applied']);

    const open = await get(`/views/whistles?street=XHJD&unit=ZJW`).expect(200);
    expect(open.body.items).toEqual([
      expect.objectContaining({
        whistleId,
        status: 'acting',
        departments: 2,
        reported: 1,
        missedReports: 1,
        committed: 1,
      }),
    ]);
    expect((await get('/views/whistles?status=closed').expect(200)).body.items).toEqual([]);

    const rest = [
      event('DepartmentCompleted', { departmentId: 'CGZF' }),
      event('WhistleVerified', { departmentId: 'CGZF', passed: true }),
      event('WhistleEvaluated', { departmentId: 'CGZF', timeliness: 5, commitment: 4, result: 5 }),
      event('WhistleClosed', { outcome: 'solved' }),
    ];
    await apply(rest);
    const detail = await get(`/views/whistles/${whistleId}`).expect(200);
    expect(detail.body.whistle).toMatchObject({
      status: 'closed',
      outcome: 'solved',
      completed: 1,
      verified: 1,
    });
    expect(detail.body.departments).toEqual([
      expect.objectContaining({
        departmentId: 'CGZF',
        report: 'on_time',
        commitment: 'made',
        verified: true,
        timeliness: 5,
      }),
      expect.objectContaining({ departmentId: 'ZJW', report: 'missed', commitment: 'missed' }),
    ]);

    const month = shanghaiMonth(new Date());
    const evaluations = await get(`/views/departments/evaluations?month=${month}`).expect(200);
    expect(evaluations.body.items).toEqual([
      expect.objectContaining({
        departmentId: 'CGZF',
        whistles: 1,
        ratedWhistles: 1,
        score: expect.closeTo(91.67, 2),
      }),
      expect.objectContaining({ departmentId: 'ZJW', whistles: 1, missedReports: 1, score: 0 }),
    ]);

    // The whole history again: every event a repeat, nothing changes.
    const before = await get(`/views/whistles/${whistleId}`).expect(200);
    expect(new Set(await apply([...history, ...rest]))).toEqual(new Set(['duplicate']));
    expect((await get(`/views/whistles/${whistleId}`).expect(200)).body).toEqual(before.body);
  });
});
