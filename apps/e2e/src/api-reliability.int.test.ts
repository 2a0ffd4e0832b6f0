import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { apiConfigFromEnv } from '../../api/src/api-config';
import { createApi, type RunningApi } from '../../api/src/bootstrap';
import { platformConfigFromEnv } from '../../api/src/infrastructure/settings';
import { HotlineApi } from './support/hotline-api';
import { TcpProxy } from '../../../tools/testing/tcp-proxy';
import { eventually, startTestSystem, type TestSystem } from './test-system';

/** A request that has not answered by then is a hang: the API must answer (503) well before. */
const HANG = { response: 30_000, deadline: 35_000 };

/**
 * Issue 12 on the API side, on the real stack: retries that must not merge an order into itself,
 * actions retried on a closed order, refusals that must not tell a stranger unit anything, whistle
 * idempotency, and 503 + Retry-After (never a hang, never a 500) while PostgreSQL, Temporal or the
 * worker is away. A part is taken away from one API instance only, through a TCP proxy (or a task
 * queue no worker polls), never from the shared servers.
 */
describe('API reliability (issue 12)', () => {
  let system: TestSystem;
  let hotline: HotlineApi;
  /** An API whose PostgreSQL and Temporal connections go through proxies a test can cut. */
  let degraded: RunningApi;
  /** An API whose workflows land on a task queue no worker polls: the worker is "down". */
  let workerless: RunningApi;
  let pg: TcpProxy;
  let temporal: TcpProxy;
  const noWorkerWorkflows: string[] = [];

  const http = () => hotline.http();
  const as = (role: 'operator' | 'supervisor' | 'unit', unitId?: string) =>
    hotline.as(role, unitId);
  const fast = {
    API_ACTION_TIMEOUT_MS: '2000',
    API_TEMPORAL_CALL_TIMEOUT_MS: '2000',
    API_DATABASE_CONNECT_TIMEOUT_MS: '1000',
    API_RETRY_AFTER_SECONDS: '7',
    LOG_LEVEL: 'silent',
  };

  beforeAll(async () => {
    system = await startTestSystem({ isolated: true });
    hotline = new HotlineApi(system);
    pg = TcpProxy.forUrl(system.env.DATABASE_URL!);
    temporal = TcpProxy.forAddress(system.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233');
    await pg.open();
    await temporal.open();
    const degradedEnv = {
      ...system.env,
      ...fast,
      DATABASE_URL: pg.url(system.env.DATABASE_URL!),
      TEMPORAL_ADDRESS: temporal.address,
    };
    degraded = await createApi(apiConfigFromEnv(degradedEnv), platformConfigFromEnv(degradedEnv));
    const workerlessEnv = {
      ...system.env,
      ...fast,
      TEMPORAL_TASK_QUEUE: `hotline-test-no-worker-${system.runId}`,
    };
    workerless = await createApi(
      apiConfigFromEnv(workerlessEnv),
      platformConfigFromEnv(workerlessEnv),
    );
  });

  afterEach(async () => {
    // Whatever a test cut comes back for the next one.
    if (!pg.isOpen) await pg.open();
    if (!temporal.isOpen) await temporal.open();
  });

  afterAll(async () => {
    for (const id of noWorkerWorkflows)
      await system.temporal.workflow
        .getHandle(id)
        .terminate('test over: no worker ever ran it')
        .catch(() => undefined);
    await workerless?.close();
    await degraded?.close().catch(() => undefined);
    await pg?.cut();
    await temporal?.cut();
    await system?.stop();
  });

  it('a repeated POST /orders while the workflow could not start yet starts that order — it is not merged into itself', async () => {
    const call = hotline.noiseCall();
    await temporal.cut();
    const first = await request(degraded.app.getHttpServer())
      .post('/orders')
      .set(as('operator'))
      .send(call)
      .timeout(HANG);
    // Recorded (durable) and answered; its workflow could not start while Temporal was away.
    expect(first.status).toBe(201);
    await temporal.open();

    const retry = await http().post('/orders').set(as('operator')).send(call).expect(200);
    expect(retry.body.created).toBe(false);
    const orderId: string = retry.body.orderId;
    const state = await hotline.untilStatus(orderId, 'dispatched');
    expect(state.leadUnitId).toBe('CGZF');
    const again = await http().post('/orders').set(as('operator')).send(call).expect(200);
    expect(again.body.orderId).toBe(orderId);
  });

  it('an order accepted while Temporal is away is started after the API restarts (crash-safe intake)', async () => {
    const proxy = TcpProxy.forAddress(system.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233');
    await proxy.open();
    const env = { ...system.env, ...fast, TEMPORAL_ADDRESS: proxy.address };
    const first = await createApi(apiConfigFromEnv(env), platformConfigFromEnv(env));
    let restarted: RunningApi | undefined;
    try {
      await proxy.cut();
      const accepted = await request(first.app.getHttpServer())
        .post('/orders')
        .set(as('operator'))
        .send(hotline.noiseCall())
        .timeout(HANG);
      expect(accepted.status).toBe(201);
      const orderId: string = accepted.body.orderId;
      const db = first.app.get(DataSource);
      const startedAt = async () =>
        (
          (await db.query(`SELECT workflow_started_at FROM order_intake WHERE order_id = $1`, [
            orderId,
          ])) as { workflow_started_at: Date | null }[]
        )[0];
      expect(await startedAt()).toEqual({ workflow_started_at: null });
      // The process goes away before its start could reach Temporal.
      await first.close();
      await proxy.open();

      restarted = await createApi(apiConfigFromEnv(env), platformConfigFromEnv(env));
      const state = await hotline.untilStatus(orderId, 'dispatched');
      expect(state.leadUnitId).toBe('CGZF');
      const row = await eventually(async () => {
        const r = (await restarted!.app
          .get(DataSource)
          .query(`SELECT workflow_started_at FROM order_intake WHERE order_id = $1`, [
            orderId,
          ])) as { workflow_started_at: Date | null }[];
        return r[0]?.workflow_started_at ? r[0] : undefined;
      });
      expect(row.workflow_started_at).toBeInstanceOf(Date);
    } finally {
      await restarted?.close().catch(() => undefined);
      await first.close().catch(() => undefined);
      await proxy.cut();
    }
  });

  it('two identical POST /orders at once yield one order, started once, not merged into itself', async () => {
    const call = hotline.noiseCall();
    const answers = await Promise.all(
      [1, 2].map(() => http().post('/orders').set(as('operator')).send(call)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    const [orderId] = new Set(answers.map((a) => a.body.orderId as string));
    expect(new Set(answers.map((a) => a.body.orderId)).size).toBe(1);
    await hotline.untilStatus(orderId!, 'dispatched');
  });

  it('an action retried on the order it closed gets 409 with the current status, not 404', async () => {
    const orderId = await hotline.submitted();
    const terminate = { reason: '诉求人撤回诉求，经审核终止办理' };
    await hotline.act(orderId, 'terminate', terminate, 'supervisor');
    await eventually(
      async () => {
        const d = await system.temporal.workflow.getHandle(orderId).describe();
        return d.status.name === 'RUNNING' ? undefined : true;
      },
      30_000,
      `${orderId} workflow completed`,
    );

    const retried = await http()
      .post(`/orders/${orderId}/terminate`)
      .set(as('supervisor'))
      .send(terminate)
      .expect(409);
    expect(retried.body.currentStatus).toBe('closed');
    // An order that never existed is still a 404.
    await http()
      .post('/orders/HL20000101-0000001/terminate')
      .set(as('supervisor'))
      .send(terminate)
      .expect(404);
  });

  it('a refusal tells a unit nothing about an order that is not its business', async () => {
    const orderId = await hotline.submitted(); // dispatched to 城管执法 (CGZF)
    const stranger = as('unit', 'WJW'); // 卫健委: neither leads nor assists
    for (const [action, body] of [
      ['acknowledge', {}],
      ['respond', { note: '已联系诉求人' }],
      ['progress', { note: '正在处理' }],
    ] as const) {
      const res = await http().post(`/orders/${orderId}/${action}`).set(stranger).send(body);
      expect(res.status).toBe(403);
      const said = JSON.stringify(res.body);
      expect(said).not.toContain('CGZF');
      expect(said).not.toContain('dispatched');
      expect(res.body.currentStatus).toBeUndefined();
    }
    // The handling unit still learns where its own order stands.
    const own = await http()
      .post(`/orders/${orderId}/respond`)
      .set(as('unit', 'CGZF'))
      .send({ note: '已联系诉求人' })
      .expect(409);
    expect(own.body.currentStatus).toBe('dispatched');
  });

  it('a whistle blown twice with the same idempotency key is one whistle; other content is a 409', async () => {
    const street = as('unit', 'XHJD');
    const whistle = {
      idempotencyKey: `e2e-whistle-${randomUUID()}`,
      whistleType: 'routine',
      matterTypeCode: 'CG-001',
      title: '星湖东里5号楼顶违建拆除',
      description: '楼顶私搭乱建，住户多次投诉，请城管执法、住建部门报到',
      place: { address: '星湖东里5号楼', communityId: 'XHJD-01' },
      summonedUnitIds: ['CGZF', 'ZJW'],
    };
    const first = await http().post('/whistles').set(street).send(whistle).expect(201);
    expect(first.body.created).toBe(true);
    const repeat = await http().post('/whistles').set(street).send(whistle).expect(200);
    expect(repeat.body).toEqual({ whistleId: first.body.whistleId, created: false });
    const conflict = await http()
      .post('/whistles')
      .set(street)
      .send({ ...whistle, title: '另一处违建' })
      .expect(409);
    expect(conflict.body.whistleId).toBe(first.body.whistleId);
  });

  it('/health/ready checks PostgreSQL, Temporal, the worker and Kafka; a 503 names what is down', async () => {
    const ready = await http().get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(Object.keys(ready.body.details).sort()).toEqual([
      'database',
      'kafka',
      'temporal',
      'worker',
    ]);
    await http()
      .get('/health')
      .expect(200, /"status":"ok"/);

    const noWorker = await request(workerless.app.getHttpServer()).get('/health/ready').expect(503);
    expect(noWorker.body.error.worker.status).toBe('down');
    expect(noWorker.body.info.database.status).toBe('up');

    await pg.cut();
    const noDatabase = await request(degraded.app.getHttpServer())
      .get('/health/ready')
      .timeout(HANG)
      .expect(503);
    expect(noDatabase.body.error.database.status).toBe('down');
    expect(noDatabase.headers['retry-after']).toBeDefined();
  });

  it('PostgreSQL down: intake and reads answer 503 with Retry-After, not 500', async () => {
    const orderId = await hotline.submitted();
    await pg.cut();
    const api = () => request(degraded.app.getHttpServer());
    const intake = await api()
      .post('/orders')
      .set(as('operator'))
      .send(hotline.noiseCall())
      .timeout(HANG);
    expect(intake.status).toBe(503);
    expect(intake.headers['retry-after']).toBe('7');
    expect(intake.body.requestId).toBeTruthy();
    const read = await api().get(`/orders/${orderId}`).set(as('supervisor')).timeout(HANG);
    expect(read.status).toBe(503);
    expect(read.headers['retry-after']).toBe('7');
    await pg.open();
    await eventually(
      async () => {
        const r = await api().get(`/orders/${orderId}`).set(as('supervisor'));
        return r.status === 200 ? true : undefined;
      },
      30_000,
      'reads again once PostgreSQL is back',
    );
  });

  it('Temporal down: an order action answers 503 with Retry-After within its time limit', async () => {
    const orderId = await hotline.submitted();
    await temporal.cut();
    const res = await request(degraded.app.getHttpServer())
      .post(`/orders/${orderId}/acknowledge`)
      .set(as('unit', 'CGZF'))
      .send({})
      .timeout(HANG);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
  });

  it('worker down: order and whistle actions answer 503 with Retry-After instead of hanging', async () => {
    const api = () => request(workerless.app.getHttpServer());
    const intake = await api().post('/orders').set(as('operator')).send(hotline.noiseCall());
    expect(intake.status).toBe(201); // starting needs only Temporal
    const orderId: string = intake.body.orderId;
    noWorkerWorkflows.push(orderId);
    const action = await api()
      .post(`/orders/${orderId}/acknowledge`)
      .set(as('unit', 'CGZF'))
      .send({})
      .timeout(HANG);
    expect(action.status).toBe(503);
    expect(action.headers['retry-after']).toBe('7');
    expect(action.body.dependency).toBe('worker');

    const blown = await api()
      .post('/whistles')
      .set(as('unit', 'XHJD'))
      .send({
        whistleType: 'routine',
        matterTypeCode: 'CG-001',
        title: '星湖东里7号楼顶违建拆除',
        description: '楼顶私搭乱建，请城管执法、住建部门报到',
        place: { address: '星湖东里7号楼', communityId: 'XHJD-01' },
        summonedUnitIds: ['CGZF', 'ZJW'],
      })
      .expect(201);
    noWorkerWorkflows.push(blown.body.whistleId);
    const report = await api()
      .post(`/whistles/${blown.body.whistleId}/report`)
      .set(as('unit', 'CGZF'))
      .send({ representative: '城管执法队二中队长', mode: 'on_site' })
      .timeout(HANG);
    expect(report.status).toBe(503);
    expect(report.headers['retry-after']).toBe('7');
  });
});
