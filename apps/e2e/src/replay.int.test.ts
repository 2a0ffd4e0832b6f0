import { type EventEnvelope, eventTopics, validateEvent } from '@hotline/contracts';
import { sampleReferenceData } from '@hotline/domain';
import { createKafka, kafkaConfigFromEnv, TopicReader } from '@hotline/messaging';
import {
  createDataSource,
  createMigratedSchema,
  databaseConfigFromEnv,
  dropSchema,
  READ_MODEL_TABLES,
} from '@hotline/persistence';
import { randomUUID } from 'node:crypto';
import { startProjector } from '../../projector/src/bootstrap';
import { allProjections } from '../../projector/src/projections';
import { digestTables } from '../../projector/src/rebuild/shadow-tables';
import { ProjectionRunner } from '../../projector/src/runner/projection-runner';
import { inTransaction } from '../../projector/src/runner/transaction';
import { WhistleStory } from '../../projector/src/projections/whistles/whistle-test-events';
import { rebuildReadModels } from '../../projector/src/rebuild/rebuild';
import { HotlineApi } from './support/hotline-api';
import { ReadModelDb } from './support/read-model-db';
import { SyntheticOrder } from './support/synthetic-events';
import { RunTopics } from './support/topics';
import { eventually, startTestSystem, type TestSystem } from './test-system';

/**
 * Replays on the real stack: the whole event history delivered again to the projector, and
 * every read model rebuilt from the topics, each twice — and every view stays exactly as it was.
 */
describe('replaying the whole topic leaves every view identical', () => {
  let system: TestSystem;
  let api: HotlineApi;
  let db: ReadModelDb;
  let before: Record<string, string[]>;
  let total: number;

  /** Every row of every read model, as text, in a stable order. */
  async function views(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const table of READ_MODEL_TABLES) {
      out[table] = (
        await db.rows<{ row: string }>(`SELECT t::text AS row FROM ${table} t ORDER BY 1`)
      ).map((r) => r.row);
    }
    return out;
  }

  async function eventsOnTopics(): Promise<number> {
    const kafka = kafkaConfigFromEnv(system.env);
    const topics = eventTopics(kafka.topicPrefix);
    const reader = new TopicReader(
      createKafka(kafka),
      [topics.orderEvents, topics.whistleEvents, topics.governanceEvents],
      `count-${randomUUID()}`,
    );
    return reader.count(await reader.endOffsets());
  }

  beforeAll(async () => {
    system = await startTestSystem({ isolated: true });
    api = new HotlineApi(system);
    db = await ReadModelDb.open(system);

    // A varied history: completed orders, open and supervised ones, a hotspot, one answered on
    // the call, a synthetic order with a breach and a gap, one under a devolved enforcement power,
    // and a whistle with a missed report.
    const orders: string[] = [];
    for (let i = 0; i < 5; i++)
      orders.push(
        await api.submitted(api.noiseCall({ communityId: 'XHJD-02', gridId: 'XHJD-02-1' })),
      );
    await api.complete(orders[0]!);
    await api.complete(orders[1]!, {
      reached: true,
      solved: true,
      satisfaction: 'basically_satisfied',
    });
    await api.act(orders[2]!, 'acknowledge', {}, 'unit', 'CGZF');
    await api.act(orders[3]!, 'supervise', { note: '请加快办理' }, 'supervisor');
    const consultation = await api.submit(
      api.noiseCall({
        category: 'consultation',
        content: '请问办理居住证需要什么材料？',
        streetId: undefined,
        communityId: undefined,
        gridId: undefined,
      }),
    );
    orders.push(consultation);
    await api.untilStatus(consultation, 'closed');
    const synthetic = new SyntheticOrder();
    const underPower = new SyntheticOrder();
    const limit = new Date(Date.now() - 60_000);
    const whistle = new WhistleStory(`WS-SYN-${system.runId}`);
    const whistleEvents = [
      whistle.blown(),
      whistle.reported('CGZF'),
      whistle.committed('CGZF'),
      whistle.reportMissed('ZJW'),
      whistle.completed('CGZF'),
      whistle.verified('CGZF'),
      whistle.closed([
        { departmentId: 'CGZF', report: 'on_time', commitment: 'made' },
        { departmentId: 'ZJW', report: 'missed', commitment: 'missed' },
      ]),
      whistle.evaluated('CGZF', 5, 4, 4),
    ];
    await new RunTopics(system).publish([
      synthetic.received(),
      synthetic.dispatched(limit),
      synthetic.at(4, 'DeadlineBreached', {
        kind: 'acknowledge',
        deadline: limit.toISOString(),
        unitId: 'CGZF',
      }),
      ...whistleEvents,
      // An order under a devolved enforcement power (执法职权下放), handled by the street's team.
      underPower.received({
        location: { address: '澜山区镜明街道2号工地', streetId: 'LS-JMJD' },
        takenBy: { level: 'city' },
      }),
      underPower.next('OrderDispatched', {
        leadUnitId: 'LS-JMJD',
        assistingUnitIds: ['LS-CGZF'],
        supervisingUnitIds: ['LS-ZHZX'],
        attempt: 1,
        rule: 'synthetic',
        dispatchedBy: 'rules',
        matterTypeCode: 'CG-003',
        streetId: 'LS-JMJD',
        districtId: 'LS',
        deadlines: { acknowledgeBy: new Date(Date.now() + 3_600_000).toISOString() },
        enforcement: {
          powerId: 'ZF-CG-001',
          powerName: '对建设工程施工单位夜间施工产生噪声扰民的处罚',
          teamName: '镜明街道综合执法队',
          supportUnitId: 'LS-CGZF',
        },
      }),
      underPower.next('OrderClosed', {
        closure: 'completed',
        leadUnitId: 'LS-JMJD',
        respondedWithinLimit: true,
        resolvedWithinLimit: true,
        callback: { answered: true, solved: true, satisfaction: 'satisfied' },
        reworkRounds: 0,
        returnCount: 0,
        excluded: false,
        breaches: [],
      }),
    ]);
    // A duty-admission application (准入), applied for and admitted through the API.
    const applied = await api
      .http()
      .post('/admissions')
      .set(api.as('unit', 'WJW'))
      .send({
        taskName: '适龄儿童疫苗接种入户提醒',
        description: '社区对辖区适龄儿童家庭入户提醒按时接种',
        level: 'community',
        list: 'assisting',
        legalBasis: '《疫苗管理法》第四十七条',
        frequency: '每月',
        resources: '区卫健委派一名公卫医生驻点',
        funding: '每社区每年2万元工作经费',
      })
      .expect(201);
    const applicationId = applied.body.applicationId as string;
    await eventually(async () => {
      const r = await api.http().get(`/admissions/${applicationId}`).set(api.as('supervisor'));
      return r.body.reviewBy ? true : undefined;
    });
    await api
      .http()
      .post(`/admissions/${applicationId}/review`)
      .set(api.as('supervisor'))
      .send({ decision: 'admit', note: '同意准入' })
      .expect(200);
    await eventually(async () => {
      const [row] = await db.rows<{ n: number }>(
        `SELECT last_sequence AS n FROM projection_position WHERE aggregate_id = $1`,
        [applicationId],
      );
      return row?.n === 2 ? true : undefined;
    });
    // A deputy's suggestion (家站点), recorded at a station and handed to a department.
    const session = await api
      .http()
      .post('/dev/session')
      .send({ role: 'deputy', deputyId: 'RD-XH-03' })
      .expect(201);
    const deputy = { Authorization: `Bearer ${session.body.token as string}` };
    const deputyItem = (
      await api
        .http()
        .post('/deputy-items')
        .set(deputy)
        .send({ kind: 'suggestion', content: '建议在星湖西里南门公交站增设候车亭' })
        .expect(201)
    ).body.itemId as string;
    await eventually(async () => {
      const r = await api.http().get(`/deputy-items/${deputyItem}`).set(deputy);
      return r.body.handOverBy ? true : undefined;
    });
    await api
      .http()
      .post(`/deputy-items/${deputyItem}/hand-over`)
      .set(deputy)
      .send({ route: 'proposal', unitId: 'JTW', note: '请区交通委研究' })
      .expect(200);
    await eventually(async () => {
      const [row] = await db.rows<{ n: number }>(
        `SELECT last_sequence AS n FROM projection_position WHERE aggregate_id = $1`,
        [deputyItem],
      );
      return row?.n === 2 ? true : undefined;
    });
    // A proactive task (未诉先办) from the noise hotspot, owned by the street: off-list work too.
    const hotspot = await eventually(async () => {
      const r = await api.http().get('/views/hotspots?community=XHJD-02').set(api.as('supervisor'));
      return r.body.items?.[0]?.hotspotId as string | undefined;
    });
    const task = await api
      .http()
      .post('/proactive-tasks')
      .set(api.as('supervisor'))
      .send({
        source: { kind: 'hotspot', hotspotId: hotspot },
        dueBy: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      })
      .expect(201);
    await eventually(async () => {
      const [row] = await db.rows<{ n: number }>(
        `SELECT last_sequence AS n FROM projection_position WHERE aggregate_id = $1`,
        [task.body.taskId],
      );
      return row?.n === 1 ? true : undefined;
    });
    for (const id of orders) await db.untilProjected(id, await api.lastSequence(id));
    await db.untilProjected(synthetic.orderId, 4);
    await db.untilProjected(underPower.orderId, 3);
    await eventually(async () => {
      const [row] = await db.rows<{ n: number }>(
        `SELECT last_sequence AS n FROM projection_position WHERE aggregate_id = $1`,
        [whistle.whistleId],
      );
      return row?.n === whistleEvents.length ? true : undefined;
    });
    total = await eventsOnTopics();
    before = await views();
  });
  afterAll(async () => {
    await db?.close();
    await system?.stop();
  });

  it('has something to compare: rows in every view', () => {
    expect(READ_MODEL_TABLES.filter((table) => before[table]!.length === 0)).toEqual([]);
    expect(before.order_view).toHaveLength(8);
    expect(before.hotspot).toHaveLength(1);
    expect(total).toBeGreaterThan(25);
  });

  it('delivers every event again to new consumer groups, twice: all repeats, no view changes', async () => {
    for (const round of [1, 2]) {
      const replay = await startProjector({
        kafka: kafkaConfigFromEnv(system.env),
        database: databaseConfigFromEnv(system.env),
        groupId: `hotline-test-replay-${system.runId}-${round}`,
        logEveryMs: 0,
      });
      try {
        await eventually(
          async () => (replay.metrics.events >= total ? true : undefined),
          60_000,
          `replay ${round}`,
        );
        expect(replay.metrics).toMatchObject({
          events: total,
          duplicates: total,
          applied: 0,
          gaps: 0,
        });
      } finally {
        await replay.stop();
      }
      expect(await views()).toEqual(before);
    }
  });

  /** Every event on the run's topics, partition by partition, in offset order. */
  async function allEvents(): Promise<EventEnvelope[]> {
    const kafka = kafkaConfigFromEnv(system.env);
    const topics = eventTopics(kafka.topicPrefix);
    const reader = new TopicReader(
      createKafka(kafka),
      [topics.orderEvents, topics.whistleEvents, topics.governanceEvents],
      `cuts-${randomUUID()}`,
    );
    const byPartition = new Map<string, { offset: bigint; event: EventEnvelope }[]>();
    const target = await reader.endOffsets();
    await reader.start(async (batch) => {
      for (const m of batch) {
        const checked = validateEvent(JSON.parse(m.value!.toString('utf8')));
        if (!checked.ok) throw new Error(`invalid event at ${m.topic}[${m.partition}]@${m.offset}`);
        const key = `${m.topic} ${m.partition}`;
        const list = byPartition.get(key) ?? [];
        byPartition.set(key, list);
        list.push({ offset: BigInt(m.offset), event: checked.event });
      }
    });
    try {
      await reader.reach(target);
    } finally {
      await reader.stop();
    }
    // One fixed order, partitions interleaved (as the live projector meets them): every
    // aggregate's events stay in sequence.
    const lists = [...byPartition.keys()]
      .sort()
      .map((k) => byPartition.get(k)!.sort((a, b) => (a.offset < b.offset ? -1 : 1)));
    const out: EventEnvelope[] = [];
    for (let i = 0; lists.some((l) => i < l.length); i++) {
      for (const l of lists) if (i < l.length) out.push(l[i]!.event);
    }
    return out;
  }

  it('gives the same tables however the events are cut into batches: one by one, 3, 7, random, all at once, and all again', async () => {
    const events = await allEvents();
    expect(events).toHaveLength(total);
    const base = databaseConfigFromEnv(system.env);
    // Seeded, so a failure can be replayed: sizes 1–40.
    let seed = 12345;
    const random = () => 1 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 40);
    const cuts: Record<string, () => number> = {
      one: () => 1,
      three: () => 3,
      seven: () => 7,
      random,
      all: () => events.length,
    };
    const digests: Record<string, { table: string; rows: number; digest: string }[]> = {};
    const outboxes: Record<string, unknown[]> = {};
    for (const [name, size] of Object.entries(cuts)) {
      const schema = `cuts_${name}_${system.runId}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
      const config = await createMigratedSchema(base, schema);
      const cutDb = await createDataSource(config, 'hotline-test-cuts').initialize();
      try {
        const runner = new ProjectionRunner(allProjections(sampleReferenceData()));
        for (let at = 0; at < events.length;) {
          const batch = events.slice(at, at + size());
          at += batch.length;
          await inTransaction(cutDb, (sql) => runner.applyBatch(batch, sql));
        }
        digests[name] = await inTransaction(cutDb, (sql) =>
          digestTables(sql, schema, READ_MODEL_TABLES),
        );
        // The HotspotDetected events waiting in the outbox: same ids, same cause.
        outboxes[name] = await inTransaction(cutDb, (sql) =>
          sql.rows(`SELECT event_id, hotspot_id, event FROM hotspot_outbox ORDER BY event_id`),
        );
        if (name === 'all') {
          // The whole history once more, in one batch: every event a repeat, nothing changes.
          const again = await inTransaction(cutDb, (sql) => runner.applyBatch(events, sql));
          expect(again.filter((r) => r.outcome === 'applied' || r.outcome === 'reset')).toEqual([]);
          digests.again = await inTransaction(cutDb, (sql) =>
            digestTables(sql, schema, READ_MODEL_TABLES),
          );
        }
      } finally {
        await cutDb.destroy();
        await dropSchema(base.url, schema);
      }
    }
    expect(digests.one!.filter((t) => t.rows === 0).map((t) => t.table)).toEqual([]);
    expect(outboxes.one).not.toHaveLength(0);
    for (const name of ['three', 'seven', 'random', 'all', 'again']) {
      expect({ name, tables: digests[name] }).toEqual({ name, tables: digests.one });
    }
    for (const name of ['three', 'seven', 'random', 'all']) {
      expect({ name, outbox: outboxes[name] }).toEqual({ name, outbox: outboxes.one });
    }
  });

  it('rebuilds every read model from the beginning of the topics, twice, into fresh tables identical to the live ones', async () => {
    for (let round = 0; round < 2; round++) {
      const report = await rebuildReadModels({
        kafka: kafkaConfigFromEnv(system.env),
        database: databaseConfigFromEnv(system.env),
      });
      expect(report.events).toBe(total);
      expect(report.invalid).toBe(0);
      expect(report.tables.filter((t) => !t.identical)).toEqual([]);
      expect(report.tables.map((t) => t.table)).toEqual(READ_MODEL_TABLES);
      expect(await views()).toEqual(before);
    }
    // The live projector carries on in the swapped-in tables.
    const next = await api.submitted();
    await db.untilProjected(next, 2);
    expect(await db.rows(`SELECT status FROM order_view WHERE order_id = $1`, [next])).toEqual([
      { status: 'dispatched' },
    ]);
  });
});
