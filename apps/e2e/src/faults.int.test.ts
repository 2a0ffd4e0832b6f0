import { createKafka, deleteTopics, kafkaConfigFromEnv } from '@hotline/messaging';
import {
  createMigratedSchema,
  databaseConfigFromEnv,
  dropSchema,
  execute,
} from '@hotline/persistence';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Apps, startApps } from '../../../tools/faults/apps';
import { failures, runScenario, type ScenarioRow } from '../../../tools/faults/scenario';

/**
 * Part of `npm run faults` on the shared servers (which are never killed): the worker and the
 * projector, each a child process of this test, are SIGKILLed under a small load of orders driven
 * over HTTP, and started again. Nothing may be lost, duplicated or stuck; no request may hang or
 * answer a 5xx. A schema, topics, task queue and consumer group of the run's own keep it apart.
 */
describe('the worker and the projector killed under load', () => {
  const runId = Date.now().toString(36);
  const schema = `faults_${runId}`;
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-faults-'));
  let env: NodeJS.ProcessEnv;
  let apps: Apps | undefined;
  const log = (line: string) => fs.appendFileSync(path.join(logDir, 'suite.log'), `${line}\n`);

  beforeAll(async () => {
    const testUrl = process.env.TEST_DATABASE_URL;
    if (!testUrl) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`');
    const { url } = await createMigratedSchema(
      databaseConfigFromEnv({ DATABASE_URL: testUrl }),
      schema,
    );
    // Order numbers are workflow ids in the shared namespace: far from everyone else's.
    const start = 5_000_000 + Math.floor(Math.random() * 4_900_000);
    await execute(url, `ALTER SEQUENCE order_number_seq RESTART WITH ${start}`);
    env = {
      DATABASE_URL: url,
      KAFKA_TOPIC_PREFIX: `hotline-test-faults-${runId}`,
      TEMPORAL_TASK_QUEUE: `hotline-test-faults-${runId}`,
      PROJECTOR_GROUP_ID: `hotline-test-faults-${runId}`,
      API_PORT: String(await freePort()),
    };
    apps = await startApps(env, logDir, log);
  }, 400_000);

  afterAll(async () => {
    await apps?.stop();
    if (env) {
      const kafka = kafkaConfigFromEnv({ ...process.env, ...env });
      await deleteTopics(createKafka(kafka), kafka).catch(() => undefined);
    }
    await dropSchema(process.env.TEST_DATABASE_URL!, schema).catch(() => undefined);
  }, 120_000);

  const scenario = (name: 'worker' | 'projector') =>
    runScenario(
      name,
      apps![name],
      apps!,
      { ...process.env, ...env },
      {
        orders: 12,
        concurrency: 4,
        outageSeconds: 3,
        requestTimeoutMs: 30_000,
        deadlineMs: 240_000,
        quiescenceTimeoutMs: 120_000,
      },
      log,
    );

  const explain = (row: ScenarioRow) => [
    ...failures(row),
    ...row.unfinished,
    ...row.check.lost.map((f) => `lost ${f.orderId}: ${f.problem}`),
    ...row.check.stuck.map((f) => `stuck ${f.orderId}: ${f.problem}`),
    ...row.http.serverErrors,
    ...row.http.hung,
  ];

  it('loses, duplicates and strands nothing when the worker is SIGKILLed mid-load', async () => {
    const row = await scenario('worker');
    expect(row.submitted).toBe(13); // the twelve, and the probe order that measures recovery
    expect(row.accepted).toBe(row.submitted);
    expect(explain(row)).toEqual([]);
  }, 400_000);

  it('loses, duplicates and strands nothing when the projector is SIGKILLed mid-load', async () => {
    const row = await scenario('projector');
    expect(row.submitted).toBe(13); // the twelve, and the probe order that measures recovery
    expect(row.accepted).toBe(row.submitted);
    expect(explain(row)).toEqual([]);
  }, 400_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}
