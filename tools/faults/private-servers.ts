import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client as PgClient } from 'pg';
import {
  initPostgresCluster,
  kafkaJavaArgs,
  kafkaLog4j,
  kafkaStorageFormatArgs,
  kraftBrokerProperties,
  newKafkaClusterId,
  postgresCommand,
  postgresServerArgs,
} from '../../docker/native/servers.mjs';
import { ManagedProcess } from './processes';

/**
 * PostgreSQL, Kafka and a Temporal dev server of the fault suite's own: the installed binaries of
 * the dev stack (`.data/venv/bin/temporal`, `.data/kafka/lib`, Debian's PostgreSQL), other ports,
 * data under `.data/faults/`. The suite kills these, never the shared dev stack.
 */
export const FAULT_PORTS = {
  postgres: 36432,
  kafka: 39092,
  kafkaController: 39093,
  temporal: 37233,
  api: 33000,
};

const ROOT = path.resolve(__dirname, '../..');
const DATA = path.join(ROOT, '.data');
export const FAULTS_DIR = path.join(DATA, 'faults');

export interface Servers {
  /** Environment for the apps: where the servers are. */
  env: NodeJS.ProcessEnv;
  /** The servers that may be killed, by name (none when the servers are shared). */
  killable: Record<string, ManagedProcess>;
  stop(): Promise<void>;
}

function tcpConnects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function ensurePortFree(port: number, what: string): Promise<void> {
  if (await tcpConnects(port))
    throw new Error(
      `port ${port} (${what} of the fault suite) is taken: another fault run is going on, or a leftover from one`,
    );
}

function postgres(P: typeof FAULT_PORTS, home: string): ManagedProcess {
  const dir = path.join(home, 'postgres');
  const cluster = path.join(dir, 'cluster');
  initPostgresCluster({ dir, dataDir: cluster });
  const [cmd, args] = postgresCommand('postgres', [
    '-D',
    cluster,
    ...postgresServerArgs(P.postgres),
  ]);
  const url = `postgres://postgres@127.0.0.1:${P.postgres}/postgres`;
  return new ManagedProcess({
    name: 'postgres',
    command: cmd,
    args,
    logFile: path.join(home, 'logs', 'postgres.log'),
    ready: async () => {
      const db = new PgClient({ connectionString: url, connectionTimeoutMillis: 2000 });
      try {
        await db.connect();
        await db.query('SELECT 1');
        return true;
      } finally {
        await db.end().catch(() => undefined);
      }
    },
  });
}

async function createDatabase(P: typeof FAULT_PORTS): Promise<void> {
  const db = new PgClient({
    connectionString: `postgres://postgres@127.0.0.1:${P.postgres}/postgres`,
  });
  await db.connect();
  try {
    if ((await db.query(`SELECT 1 FROM pg_roles WHERE rolname = 'hotline'`)).rowCount === 0)
      await db.query(`CREATE ROLE hotline LOGIN PASSWORD 'hotline'`);
    if ((await db.query(`SELECT 1 FROM pg_database WHERE datname = 'hotline'`)).rowCount === 0)
      await db.query(`CREATE DATABASE hotline OWNER hotline`);
  } finally {
    await db.end();
  }
}

function kafka(P: typeof FAULT_PORTS, home: string): ManagedProcess {
  const dir = path.join(home, 'kafka');
  const storage = path.join(dir, 'storage');
  fs.mkdirSync(dir, { recursive: true });
  const props = path.join(dir, 'server.properties');
  const log4j = path.join(dir, 'log4j.properties');
  fs.writeFileSync(
    props,
    kraftBrokerProperties({
      port: P.kafka,
      controllerPort: P.kafkaController,
      storageDir: storage,
      offsetsTopicPartitions: 4,
    }),
  );
  fs.writeFileSync(log4j, kafkaLog4j('WARN'));
  const lib = path.join(DATA, 'kafka', 'lib');
  if (!fs.existsSync(lib))
    throw new Error('the Kafka jars are missing: run `npm run stack -- install` first');
  if (!fs.existsSync(path.join(storage, 'meta.properties'))) {
    const res = spawnSync(
      'java',
      kafkaStorageFormatArgs({
        lib,
        log4jFile: log4j,
        propsFile: props,
        clusterId: newKafkaClusterId(),
      }),
      { encoding: 'utf8' },
    );
    if (res.status !== 0)
      throw new Error(`Kafka storage format failed (${res.status}): ${res.stderr || res.stdout}`);
  }
  return new ManagedProcess({
    name: 'kafka',
    command: 'java',
    args: kafkaJavaArgs({
      lib,
      log4jFile: log4j,
      mainClass: 'kafka.Kafka',
      args: [props],
      heap: ['-Xms128m', '-Xmx512m', '-XX:+UseSerialGC'],
    }),
    logFile: path.join(home, 'logs', 'kafka.log'),
    readyTimeoutMs: 120_000,
    ready: async () => {
      if (!(await tcpConnects(P.kafka))) return false;
      const admin = new Kafka({
        brokers: [`127.0.0.1:${P.kafka}`],
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 },
      }).admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        return cluster.brokers.length > 0 && cluster.controller !== null;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
  });
}

function temporal(P: typeof FAULT_PORTS, home: string): ManagedProcess {
  const dir = path.join(home, 'temporal');
  fs.mkdirSync(dir, { recursive: true });
  const bin = path.join(DATA, 'venv', 'bin', 'temporal');
  if (!fs.existsSync(bin))
    throw new Error('the Temporal CLI is missing: run `npm run stack -- install` first');
  const attributes = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'libs/temporal/search-attributes.json'), 'utf8'),
  ) as Record<string, string>;
  const address = `127.0.0.1:${P.temporal}`;
  return new ManagedProcess({
    name: 'temporal',
    command: bin,
    args: [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(P.temporal),
      '--headless',
      '--db-filename',
      path.join(dir, 'temporal.db'),
      '--namespace',
      'default',
      '--log-level',
      'error',
      ...Object.entries(attributes)
        .filter(([k]) => !k.startsWith('/'))
        .flatMap(([k, type]) => ['--search-attribute', `${k}=${type}`]),
    ],
    logFile: path.join(home, 'logs', 'temporal.log'),
    ready: async () => {
      if (!(await tcpConnects(P.temporal))) return false;
      const res = spawnSync(bin, ['operator', 'cluster', 'health', '--address', address], {
        encoding: 'utf8',
      });
      return res.status === 0 && /SERVING/.test(res.stdout);
    },
  });
}

/** Starts the private servers from fresh data (what an earlier run left is deleted first). */
export async function startPrivateServers(
  log: (line: string) => void,
  { ports = FAULT_PORTS, home = FAULTS_DIR }: { ports?: typeof FAULT_PORTS; home?: string } = {},
): Promise<Servers> {
  const P = ports;
  for (const [what, port] of Object.entries(P)) await ensurePortFree(port, what);
  fs.rmSync(home, { recursive: true, force: true });
  fs.mkdirSync(path.join(home, 'logs'), { recursive: true });
  log(`private servers, data in ${path.relative(ROOT, home)}/ (logs in logs/)`);
  const servers = {
    postgres: postgres(P, home),
    kafka: kafka(P, home),
    temporal: temporal(P, home),
  };
  const started: ManagedProcess[] = [];
  try {
    for (const s of Object.values(servers)) {
      log(`starting ${s.spec.name}`);
      await s.start();
      started.push(s);
    }
    await createDatabase(P);
  } catch (err) {
    for (const s of started.reverse()) await s.kill();
    throw err;
  }
  return {
    env: {
      DATABASE_URL: `postgres://hotline:hotline@127.0.0.1:${P.postgres}/hotline`,
      KAFKA_BROKERS: `127.0.0.1:${P.kafka}`,
      KAFKA_TOPIC_PREFIX: 'hotline-faults',
      TEMPORAL_ADDRESS: `127.0.0.1:${P.temporal}`,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'hotline-faults',
      PROJECTOR_GROUP_ID: 'hotline-faults-projector',
      API_PORT: String(P.api),
    },
    killable: servers,
    async stop() {
      for (const s of [servers.temporal, servers.kafka, servers.postgres]) await s.kill();
    },
  };
}
