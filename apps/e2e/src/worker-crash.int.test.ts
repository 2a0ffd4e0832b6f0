import { type EventEnvelope, eventTopics } from '@hotline/contracts';
import { createKafka, kafkaConfigFromEnv } from '@hotline/messaging';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { eventually, startTestSystem, type TestSystem } from './test-system';

const ROOT = path.resolve(__dirname, '../../..');

/** The worker as its own process, so the test can kill it the hard way (SIGKILL, no shutdown). */
async function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn('node', ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: { ...env, SWC_NODE_PROJECT: 'tsconfig.json', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`worker exited (${code}) during start:\n${output}`)),
    );
  });
  return child;
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Every event of one order on the topic, as published (duplicates included). */
async function eventsOnTopic(
  system: TestSystem,
  orderId: string,
  expectedLast: number,
): Promise<EventEnvelope[]> {
  const config = kafkaConfigFromEnv(system.env);
  const consumer = createKafka(config).consumer({ groupId: `crash-check-${randomUUID()}` });
  const found: EventEnvelope[] = [];
  // The 60 s bound is cleared once the last event is in: left running, it kept the Jest process
  // alive for up to a minute after this file (a Timeout still there once the next file ended).
  let bound: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({
      topic: eventTopics(config.topicPrefix).orderEvents,
      fromBeginning: true,
    });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (message.key?.toString() !== orderId) return;
          const event = JSON.parse(message.value!.toString()) as EventEnvelope;
          found.push(event);
          if (event.sequence === expectedLast) resolve();
        },
      });
    });
    await Promise.race([done, new Promise((r) => (bound = setTimeout(r, 60_000)))]);
  } finally {
    clearTimeout(bound);
    await consumer.disconnect();
  }
  return found;
}

/**
 * Nothing is lost on a crash: the worker is killed with SIGKILL in the middle of an order and
 * started again; the order carries on to closure, and the read model holds every event once.
 */
describe('a worker killed mid-order', () => {
  let system: TestSystem;
  let worker: ChildProcess | undefined;
  const http = () => request(system.api.app.getHttpServer());
  const as = (role: 'operator' | 'unit', unitId?: string) => ({
    Authorization: `Bearer ${system.token(role, unitId)}`,
  });

  beforeAll(async () => {
    system = await startTestSystem({ inProcessWorker: false });
    worker = await startWorkerProcess(system.env);
  }, 120_000);
  afterAll(async () => {
    if (worker) await kill(worker);
    await system?.stop();
  });

  it('finishes the order after a restart, with no event lost or duplicated in the read model', async () => {
    const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const submitted = await http()
      .post('/orders')
      .set(as('operator'))
      .send({
        idempotencyKey: `crash-${randomUUID()}`,
        channel: 'phone',
        category: 'complaint',
        content: '星湖东里3号楼旁的工地夜间施工噪音很大，22点以后还在干',
        address: '星湖街道星湖东里3号楼旁工地',
        streetId: 'XHJD',
        communityId: 'XHJD-01',
        gridId: 'XHJD-01-1',
        caller: { name: '李先生', phone },
      })
      .expect(201);
    const orderId: string = submitted.body.orderId;
    await eventually(async () =>
      (await http().get(`/orders/${orderId}`).set(as('operator'))).body.state?.status ===
      'dispatched'
        ? true
        : undefined,
    );
    const cgzf = as('unit', 'CGZF');
    await http().post(`/orders/${orderId}/acknowledge`).set(cgzf).send({}).expect(200);

    // Send the next action and kill the worker while it is being handled.
    const responding = http()
      .post(`/orders/${orderId}/respond`)
      .set(cgzf)
      .send({ note: '已电话联系李先生' });
    const answered = responding.then((r) => r);
    await new Promise((r) => setTimeout(r, 30));
    await kill(worker!);
    worker = await startWorkerProcess(system.env);
    // The API bounds how long an action waits for the worker: the answer is 200 once the
    // restarted worker took it, or 503 with Retry-After — then the client tries again, and a
    // 409 saying the order is already responded means the first try went through.
    const first = await answered;
    if (first.status === 503) {
      expect(first.headers['retry-after']).toBeDefined();
      await eventually(
        async () => {
          const again = await http()
            .post(`/orders/${orderId}/respond`)
            .set(cgzf)
            .send({ note: '已电话联系李先生' });
          if (again.status === 200) return true;
          if (again.status === 409 && again.body.currentStatus === 'responded') return true;
          return undefined;
        },
        60_000,
        'the response to go through after the worker restarted',
      );
    } else {
      expect(first.status).toBe(200);
    }

    // The restarted worker may still be warming up: a 503 (Retry-After) is tried again, as a
    // client does; 409 means an earlier try went through.
    const untilDone = async (
      action: string,
      who: Record<string, string>,
      body: object,
      done: string,
    ) =>
      eventually(
        async () => {
          const r = await http().post(`/orders/${orderId}/${action}`).set(who).send(body);
          if (r.status === 200) return r;
          if (r.status === 409 && r.body.currentStatus === done) return r;
          if (r.status !== 503) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
          return undefined;
        },
        60_000,
        `${action} to go through`,
      );
    await untilDone('resolve', cgzf, { outcome: 'solved', summary: '已责令夜间停工' }, 'resolved');
    const closedAnswer = await untilDone(
      'callback',
      as('operator'),
      { reached: true, solved: true, satisfaction: 'satisfied' },
      'closed',
    );
    const closed =
      closedAnswer.status === 200
        ? closedAnswer
        : await http().get(`/orders/${orderId}`).set(as('operator'));
    if (closedAnswer.status !== 200) closed.body.status = closed.body.state.status;
    if (closedAnswer.status !== 200) closed.body.timeline = closed.body.state.timeline;
    expect(closed.body.status).toBe('closed');
    const last: number = closed.body.timeline
      .filter((t: { sequence: number }) => t.sequence > 0)
      .at(-1).sequence;

    // On the topic: every sequence 1..last, each event id always with the same content.
    const onTopic = await eventsOnTopic(system, orderId, last);
    const bySequence = new Map<number, EventEnvelope>();
    for (const e of onTopic) {
      const seen = bySequence.get(e.sequence);
      if (seen) expect(e).toEqual(seen); // a republished event is the same event, byte for byte
      bySequence.set(e.sequence, e);
    }
    expect([...bySequence.keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: last }, (_, i) => i + 1),
    );

    // In the read model: the timeline holds each event exactly once, the view caught up, no gap.
    const db = new PgClient({ connectionString: system.env.DATABASE_URL });
    await db.connect();
    try {
      await eventually(
        async () => {
          const r = (
            await db.query('SELECT last_sequence FROM order_view WHERE order_id = $1', [orderId])
          ).rows[0];
          return r && r.last_sequence === last ? true : undefined;
        },
        30_000,
        `order_view of ${orderId} at sequence ${last}`,
      );
      const timeline = (
        await db.query(
          'SELECT sequence, event_id FROM order_timeline WHERE order_id = $1 ORDER BY sequence',
          [orderId],
        )
      ).rows;
      expect(timeline.map((r: { sequence: number }) => r.sequence)).toEqual(
        Array.from({ length: last }, (_, i) => i + 1),
      );
      expect(timeline.map((r: { event_id: string }) => r.event_id)).toEqual(
        [...bySequence.values()].sort((a, b) => a.sequence - b.sequence).map((e) => e.eventId),
      );
      const gaps = (
        await db.query('SELECT count(*)::int AS n FROM projection_gap WHERE aggregate_id = $1', [
          orderId,
        ])
      ).rows[0].n;
      expect(gaps).toBe(0);
    } finally {
      await db.end();
    }
  });
});
