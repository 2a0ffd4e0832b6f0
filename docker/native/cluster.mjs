#!/usr/bin/env node
// The production shape on one machine, beside the single-node dev stack (docker/native/stack.mjs):
// Temporal's real server (built from Go modules) on PostgreSQL with 4 history shards in two
// processes, three KRaft Kafka brokers, two workers, two projectors in one consumer group, two
// API instances behind a small load balancer. No npm dependency of its own for up/down/status.
//
//   node docker/native/cluster.mjs up          build/install what is missing, start what is not running (idempotent)
//   node docker/native/cluster.mjs down        stop what `up` started (recorded PIDs); PostgreSQL is shared and stays
//   node docker/native/cluster.mjs status      every process, checked for real
//   node docker/native/cluster.mjs start NAME  (re)start one process (kafka-2, worker-1, api-lb…) or group (kafka, temporal, apps)
//   node docker/native/cluster.mjs stop NAME   stop one process (SIGTERM)
//   node docker/native/cluster.mjs failover    kill -9 one of each under load; prints a table (tools/cluster/failover.ts)
//   node docker/native/cluster.mjs bench       1 vs 2 workers on the cluster (tools/cluster/bench.ts)
//   node docker/native/cluster.mjs config DIR  write the generated configuration files into DIR only
//
// Everything it writes is under .data/cluster/ (git-ignored).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kafkaStorageFormatArgs, newKafkaClusterId } from './servers.mjs';
import * as stack from './stack.mjs';
import {
  CLUSTER_PORTS,
  DB,
  HISTORY_SHARDS,
  KAFKA_NODES,
  KAFKA_TOPIC,
  TEMPORAL_NODES,
  TEMPORAL_SERVER_VERSION,
  TEMPORAL_UI_VERSION,
  API_INSTANCE_PORTS,
  clusterAppEnv,
  clusterProcesses,
  kafkaBrokers,
  temporalNodePorts,
  writeClusterConfig,
} from './cluster/topology.mjs';

const { StackError, fail, run, runOrFail, sleep, waitFor, tcpConnects, alive, stopPid } = stack;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLUSTER = path.join(stack.DATA, 'cluster');
const BIN = path.join(CLUSTER, 'bin');
const LOGS = path.join(CLUSTER, 'logs');
const PIDS = path.join(CLUSTER, 'pids');
const LB = path.join(ROOT, 'docker/native/cluster/lb.mjs');

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (s) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
const [bold, green, red, dim] = ['1', '32', '31', '2'].map(paint);
const log = (msg) => console.log(`${dim('[cluster]')} ${msg}`);

// ---------------------------------------------------------------- processes

const pidFile = (name) => path.join(PIDS, `${name}.pid`);
function readPid(name) {
  try {
    const pid = Number(fs.readFileSync(pidFile(name), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
const runningPid = (name) => (alive(readPid(name)) ? readPid(name) : null);

/** Starts a detached process logging to .data/cluster/logs/NAME.log; returns where its new output begins. */
function spawnDaemon(name, cmd, args, { env = {}, cwd = ROOT } = {}) {
  fs.mkdirSync(LOGS, { recursive: true });
  fs.mkdirSync(PIDS, { recursive: true });
  const logFile = path.join(LOGS, `${name}.log`);
  const fd = fs.openSync(logFile, 'a');
  fs.writeSync(
    fd,
    `\n=== ${new Date().toISOString()} starting ${name}: ${cmd} ${args.join(' ')}\n`,
  );
  const offset = fs.fstatSync(fd).size;
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  child.unref();
  fs.closeSync(fd);
  fs.writeFileSync(pidFile(name), String(child.pid));
  return { pid: child.pid, logFile, offset };
}

function logSince(logFile, offset) {
  try {
    const fd = fs.openSync(logFile, 'r');
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(Math.max(0, size - offset));
    fs.readSync(fd, buf, 0, buf.length, offset);
    fs.closeSync(fd);
    return buf.toString('utf8');
  } catch {
    return '';
  }
}

function exitedCheck(name, logFile) {
  if (!runningPid(name))
    fail(
      `${name} exited during start-up. Last lines of ${path.relative(ROOT, logFile)}:\n${stack.tail(logFile, 20)}`,
    );
}

// ---------------------------------------------------------------- install and build

function buildTemporal() {
  const script = path.join(ROOT, 'tools/cluster/build-temporal.sh');
  const quick = run('bash', [script], {
    cwd: ROOT,
    env: {
      ...process.env,
      TEMPORAL_SERVER_VERSION,
      TEMPORAL_UI_VERSION,
      CLUSTER_BUILD_CHECK_ONLY: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (quick.status === 0) return;
  log(
    `Building the Temporal server ${TEMPORAL_SERVER_VERSION}, its SQL tool and the Web UI server ${TEMPORAL_UI_VERSION} from the Go module proxy (several minutes, once)…`,
  );
  const res = run('nice', ['-n', '10', 'bash', script], {
    cwd: ROOT,
    env: { ...process.env, TEMPORAL_SERVER_VERSION, TEMPORAL_UI_VERSION },
    stdio: 'inherit',
  });
  if (res.status !== 0) fail('Building the Temporal server failed; see the output above.');
}

function install() {
  stack.installNodeModules();
  stack.installTemporal(); // the Temporal CLI: operator commands (namespace, search attributes)
  stack.installKafka();
  stack.installPostgres();
  buildTemporal();
}

// ---------------------------------------------------------------- PostgreSQL (shared)

function sqlTool(db, args) {
  return runOrFail(
    path.join(BIN, 'temporal-sql-tool'),
    [
      '--plugin',
      'postgres12',
      '--ep',
      '127.0.0.1',
      '--port',
      String(CLUSTER_PORTS.postgres),
      '--user',
      DB.temporalUser,
      '--password',
      DB.temporalPassword,
      '--database',
      db,
      ...args,
    ],
    `temporal-sql-tool ${args[0]} on ${db}`,
  );
}

let databasesReady = false;
async function ensureDatabases() {
  if (databasesReady) return;
  databasesReady = true;
  if (!(await stack.pgReady())) {
    log('PostgreSQL (shared with the single-node stack) is not running; starting it…');
    const res = run('node', [path.join(ROOT, 'docker/native/stack.mjs'), 'up'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (res.status !== 0) fail('Starting PostgreSQL with docker/native/stack.mjs up failed.');
  }
  const { psql } = stack;
  if (psql(`SELECT 1 FROM pg_roles WHERE rolname='${DB.temporalUser}'`) !== '1')
    psql(`CREATE ROLE ${DB.temporalUser} LOGIN PASSWORD '${DB.temporalPassword}'`);
  if (psql(`SELECT 1 FROM pg_roles WHERE rolname='${DB.appUser}'`) !== '1')
    psql(`CREATE ROLE ${DB.appUser} LOGIN PASSWORD '${DB.appPassword}'`);
  for (const [db, owner] of [
    [DB.temporal, DB.temporalUser],
    [DB.visibility, DB.temporalUser],
    [DB.readModels, DB.appUser],
  ]) {
    if (psql(`SELECT 1 FROM pg_database WHERE datname='${db}'`) !== '1') {
      log(`Creating database ${db}…`);
      psql(`CREATE DATABASE ${db} OWNER ${owner}`);
    }
  }
  // Temporal's schemas, embedded in temporal-sql-tool: set up once, then brought to the newest version.
  for (const [db, schema] of [
    [DB.temporal, 'postgresql/v12/temporal'],
    [DB.visibility, 'postgresql/v12/visibility'],
  ]) {
    const hasSchema =
      stack.psql(`SELECT to_regclass('public.schema_version') IS NOT NULL`, db) === 't';
    if (!hasSchema) {
      log(`Creating Temporal's schema in ${db}…`);
      sqlTool(db, ['setup-schema', '-v', '0.0']);
    }
    sqlTool(db, ['update-schema', '--schema-name', schema]);
  }
  stack.migrate({ DATABASE_URL: clusterAppEnv().DATABASE_URL });
}

// ---------------------------------------------------------------- Kafka

const KAFKA_DIR = path.join(CLUSTER, 'kafka');
const kafkajs = async () =>
  import(path.join(ROOT, 'node_modules/kafkajs/index.js')).then((m) => m.default ?? m);

async function kafkaAdmin(fn, brokers = kafkaBrokers().split(',')) {
  const { Kafka, logLevel } = await kafkajs();
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING, retry: { retries: 1 } }).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

async function kafkaBrokerHealthy(n) {
  const port = CLUSTER_PORTS.kafka[n - 1];
  if (!(await tcpConnects(port))) return false;
  const cluster = await kafkaAdmin((a) => a.describeCluster(), [`127.0.0.1:${port}`]);
  return cluster.brokers.some((b) => b.nodeId === n) && cluster.controller !== null;
}

function formatKafkaStorage() {
  const idFile = path.join(KAFKA_DIR, 'cluster-id');
  if (!fs.existsSync(idFile)) {
    const id = newKafkaClusterId();
    fs.mkdirSync(KAFKA_DIR, { recursive: true });
    fs.writeFileSync(idFile, id);
  }
  const clusterId = fs.readFileSync(idFile, 'utf8').trim();
  for (const n of KAFKA_NODES) {
    if (fs.existsSync(path.join(KAFKA_DIR, `storage-${n}`, 'meta.properties'))) continue;
    log(`Formatting Kafka storage of broker ${n} (KRaft, cluster ${clusterId})…`);
    runOrFail(
      'java',
      kafkaStorageFormatArgs({
        lib: stack.KAFKA_LIB,
        log4jFile: path.join(KAFKA_DIR, 'log4j.properties'),
        propsFile: path.join(KAFKA_DIR, `broker-${n}.properties`),
        clusterId,
      }),
      `Kafka storage format of broker ${n}`,
    );
  }
}

async function startKafkaBroker(n, { wait = true } = {}) {
  const name = `kafka-${n}`;
  if (runningPid(name)) return false;
  await ensureFree(name, CLUSTER_PORTS.kafka[n - 1]);
  await ensureFree(`${name} controller`, CLUSTER_PORTS.kafkaController[n - 1]);
  log(`Starting Kafka broker ${n} on 127.0.0.1:${CLUSTER_PORTS.kafka[n - 1]}…`);
  const { logFile } = spawnDaemon(
    name,
    'java',
    stack.javaArgs(
      path.join(KAFKA_DIR, 'log4j.properties'),
      'kafka.Kafka',
      [path.join(KAFKA_DIR, `broker-${n}.properties`)],
      ['-Xms128m', '-Xmx384m', '-XX:+UseG1GC'],
    ),
  );
  if (wait)
    await waitFor(name, async () => (exitedCheck(name, logFile), kafkaBrokerHealthy(n)), {
      logFile,
      timeoutMs: 120_000,
    });
  return true;
}

/** The event topics with 3 replicas and min.insync.replicas=2 (the apps would create them too). */
async function ensureTopics() {
  const prefix = clusterAppEnv().KAFKA_TOPIC_PREFIX;
  const topics = [
    'order-events',
    'whistle-events',
    'proactive-events',
    'governance-events',
    'dead-letter',
  ].map((t) => `${prefix}.${t}`);
  await kafkaAdmin(async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    log(
      `Creating topics ${missing.join(', ')} (replication factor ${KAFKA_TOPIC.replicationFactor}, min.insync.replicas ${KAFKA_TOPIC.minInsyncReplicas})…`,
    );
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: KAFKA_TOPIC.partitions,
        replicationFactor: KAFKA_TOPIC.replicationFactor,
        configEntries: [
          { name: 'retention.ms', value: '-1' },
          { name: 'retention.bytes', value: '-1' },
          { name: 'min.insync.replicas', value: String(KAFKA_TOPIC.minInsyncReplicas) },
        ],
      })),
    });
  });
}

/** The three brokers form the controller quorum together: start all, then wait; then the topics. */
async function startKafkaCluster() {
  formatKafkaStorage();
  for (const n of KAFKA_NODES) await startKafkaBroker(n, { wait: false });
  for (const n of KAFKA_NODES) {
    const logFile = path.join(LOGS, `kafka-${n}.log`);
    await waitFor(
      `kafka-${n}`,
      async () => (exitedCheck(`kafka-${n}`, logFile), kafkaBrokerHealthy(n)),
      {
        logFile,
        timeoutMs: 120_000,
      },
    );
  }
  await ensureTopics();
}

// ---------------------------------------------------------------- Temporal

const temporalCli = () => path.join(stack.VENV, 'bin', 'temporal');
const TEMPORAL_ADDR = `127.0.0.1:${CLUSTER_PORTS.temporal}`;

function temporalHealthy(port = CLUSTER_PORTS.temporal) {
  const res = run(temporalCli(), [
    'operator',
    'cluster',
    'health',
    '--address',
    `127.0.0.1:${port}`,
  ]);
  return res.status === 0 && /SERVING/.test(res.stdout);
}

async function startTemporalNode(n, { wait = true } = {}) {
  const name = `temporal-${n}`;
  if (runningPid(name)) return false;
  const ports = temporalNodePorts(n);
  for (const [what, port] of Object.entries(ports)) await ensureFree(`${name} ${what}`, port);
  log(
    `Starting Temporal server ${n} (frontend 127.0.0.1:${ports.frontend}, ${HISTORY_SHARDS} shards shared)…`,
  );
  const { logFile } = spawnDaemon(name, path.join(BIN, 'temporal-server'), [
    '--config-file',
    path.join(CLUSTER, 'temporal', `server-${n}.yaml`),
    '--allow-no-auth',
    'start',
  ]);
  if (wait)
    await waitFor(name, async () => (exitedCheck(name, logFile), temporalHealthy(ports.frontend)), {
      logFile,
      timeoutMs: 120_000,
      intervalMs: 1000,
    });
  return true;
}

function temporalOperator(args, what) {
  return runOrFail(temporalCli(), ['operator', ...args, '--address', TEMPORAL_ADDR], what);
}

/** The `default` namespace and the project's search attributes (libs/temporal/search-attributes.json). */
async function ensureNamespace() {
  const list = run(temporalCli(), [
    'operator',
    'namespace',
    'describe',
    '--namespace',
    'default',
    '--address',
    TEMPORAL_ADDR,
  ]);
  if (list.status !== 0) {
    log('Registering the default namespace…');
    temporalOperator(
      ['namespace', 'create', '--namespace', 'default', '--retention', '72h'],
      'namespace create',
    );
  }
  const attrs = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'libs/temporal/search-attributes.json'), 'utf8'),
  );
  await waitFor(
    'the default namespace',
    () =>
      run(temporalCli(), [
        'operator',
        'search-attribute',
        'list',
        '--namespace',
        'default',
        '--address',
        TEMPORAL_ADDR,
      ]).status === 0,
    { timeoutMs: 60_000, intervalMs: 1000 },
  );
  const have = temporalOperator(
    ['search-attribute', 'list', '--namespace', 'default', '-o', 'json'],
    'search-attribute list',
  );
  const missing = Object.entries(attrs).filter(
    ([k]) => !k.startsWith('/') && !have.includes(`"${k}"`),
  );
  if (missing.length) {
    log(`Registering search attributes ${missing.map(([k]) => k).join(', ')}…`);
    // One attribute per call: with several names in one call (CLI 1.9.1, server 1.32.1, SQL
    // visibility) only the first was added. And each call rewrites the namespace's mapping from
    // its cached copy: wait until the server lists an attribute before adding the next.
    for (const [name, type] of missing) {
      temporalOperator(
        ['search-attribute', 'create', '--namespace', 'default', '--name', name, '--type', type],
        `search-attribute create ${name}`,
      );
      await waitFor(
        `search attribute ${name}`,
        () =>
          temporalOperator(
            ['search-attribute', 'list', '--namespace', 'default', '-o', 'json'],
            'search-attribute list',
          ).includes(`"${name}"`),
        { timeoutMs: 60_000, intervalMs: 1000 },
      );
    }
  }
}

async function startLb(name, mode, port, backends) {
  if (runningPid(name)) return false;
  await ensureFree(name, port);
  const { logFile, offset } = spawnDaemon(name, process.execPath, [
    LB,
    mode,
    String(port),
    backends.join(','),
  ]);
  await waitFor(
    name,
    async () => (exitedCheck(name, logFile), logSince(logFile, offset).includes('listening')),
    { logFile },
  );
  return true;
}

async function startUi() {
  const name = 'temporal-ui';
  if (runningPid(name)) return false;
  await ensureFree(name, CLUSTER_PORTS.temporalUi);
  log(`Starting the Temporal Web UI server on http://127.0.0.1:${CLUSTER_PORTS.temporalUi}…`);
  const { logFile } = spawnDaemon(name, path.join(BIN, 'temporal-ui-server'), [
    '--root',
    path.join(CLUSTER, 'temporal', 'ui'),
    '--config',
    'config',
    '--env',
    'development',
    'start',
  ]);
  await waitFor(
    name,
    async () => {
      exitedCheck(name, logFile);
      return (
        (
          await fetch(`http://127.0.0.1:${CLUSTER_PORTS.temporalUi}/api/v1/settings`).catch(
            () => null,
          )
        )?.ok ?? false
      );
    },
    { logFile },
  );
  return true;
}

// ---------------------------------------------------------------- apps

async function startApp(proc, { wait = true } = {}) {
  if (runningPid(proc.name)) return false;
  if (proc.port) await ensureFree(proc.name, proc.port);
  log(`Starting ${proc.name}…`);
  const env = {
    ...clusterAppEnv({ KAFKA_CLIENT_ID: `hotline-${proc.name}`, ...proc.env }),
    SWC_NODE_PROJECT: 'tsconfig.json',
    NO_COLOR: '1',
  };
  const started = spawnDaemon(proc.name, 'node', ['-r', '@swc-node/register', proc.entry], { env });
  if (wait) await waitApp(proc, started);
  return started;
}

async function waitApp(proc, { logFile, offset }) {
  await waitFor(
    proc.name,
    async () => {
      exitedCheck(proc.name, logFile);
      if (proc.port)
        return (await fetch(`http://127.0.0.1:${proc.port}/health`).catch(() => null))?.ok ?? false;
      return logSince(logFile, offset).includes(proc.ready);
    },
    { logFile, timeoutMs: 180_000, intervalMs: 1000 },
  );
}

// ---------------------------------------------------------------- commands

async function ensureFree(what, port) {
  if (!(await stack.portIsFree(port)))
    fail(
      `Port ${port} (${what}) is already taken by a process this project did not start (see: ss -ltnp 'sport = :${port}'). ` +
        'The cluster ports are fixed, see README "Cluster topology".',
    );
}

const byName = (name) => clusterProcesses().find((p) => p.name === name);

/** Starts one process of the topology and waits until it is healthy. */
async function startOne(name) {
  fs.mkdirSync(CLUSTER, { recursive: true });
  writeClusterConfig(CLUSTER);
  // Groups: what `up` starts, one part at a time.
  if (name === 'kafka') return startKafkaCluster();
  if (name === 'temporal') return startTemporalCluster();
  if (name === 'apps') return startApps();
  const proc = byName(name);
  if (!proc)
    fail(
      `No process "${name}" in the cluster. Known: ${clusterProcesses()
        .map((p) => p.name)
        .join(', ')}`,
    );
  switch (proc.kind) {
    case 'kafka':
      formatKafkaStorage();
      return startKafkaBroker(proc.n);
    case 'temporal':
      return startTemporalNode(proc.n);
    case 'ui':
      return startUi();
    case 'lb':
      return name === 'api-lb'
        ? startLb(name, 'http', CLUSTER_PORTS.apiLb, API_INSTANCE_PORTS)
        : startLb(
            name,
            'tcp',
            CLUSTER_PORTS.temporal,
            TEMPORAL_NODES.map((n) => temporalNodePorts(n).frontend),
          );
    case 'app':
      return startApp(proc);
  }
}

/** Temporal: schemas, both server processes, the balancer in front, namespace and search attributes. */
async function startTemporalCluster() {
  await ensureDatabases();
  for (const n of TEMPORAL_NODES) await startTemporalNode(n);
  await startOne('temporal-lb');
  await waitFor('Temporal behind its load balancer', () => temporalHealthy(), {
    timeoutMs: 60_000,
    intervalMs: 1000,
  });
  await ensureNamespace();
}

/** The apps: start all, then wait (each compiles or bundles on its own), then their balancer. */
async function startApps() {
  await ensureDatabases();
  const pending = [];
  for (const app of clusterProcesses().filter((p) => p.kind === 'app')) {
    const started = await startApp(app, { wait: false });
    if (started) pending.push([app, started]);
  }
  for (const [app, started] of pending) await waitApp(app, started);
  await startOne('api-lb');
}

async function up() {
  const t0 = Date.now();
  install();
  await startOne('kafka');
  await startOne('temporal');
  await startOne('temporal-ui');
  await startOne('apps');
  printUrls();
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

function printUrls() {
  const rows = [
    [
      'API (load balancer)',
      `http://127.0.0.1:${CLUSTER_PORTS.apiLb}  → :${API_INSTANCE_PORTS.join(', :')}`,
    ],
    [
      'Temporal UI',
      `http://127.0.0.1:${CLUSTER_PORTS.temporalUi}  (ui-server ${TEMPORAL_UI_VERSION})`,
    ],
    [
      'Temporal gRPC',
      `127.0.0.1:${CLUSTER_PORTS.temporal}  → :${TEMPORAL_NODES.map((n) => temporalNodePorts(n).frontend).join(', :')} (server ${TEMPORAL_SERVER_VERSION}, ${HISTORY_SHARDS} shards)`,
    ],
    ['Kafka', kafkaBrokers()],
    [
      'PostgreSQL',
      `${DB.temporal}, ${DB.visibility}, ${DB.readModels} on :${CLUSTER_PORTS.postgres}`,
    ],
    ['Logs', `${path.relative(ROOT, LOGS)}/`],
  ];
  console.log(`\n${bold('12345 hotline cluster topology is running')}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(20)} ${green(v)}`);
  console.log(`\n  Stop it: ${bold('npm run cluster -- down')}\n`);
}

async function stopOne(name, signal = 'SIGTERM') {
  const pid = readPid(name);
  if (pid && (await stopPid(name, pid, { signal, timeoutMs: 30_000 })))
    log(`Stopped ${name} (pid ${pid}).`);
  fs.rmSync(pidFile(name), { force: true });
}

async function down() {
  const procs = [...clusterProcesses()].reverse();
  for (const proc of procs.filter((p) => p.kind !== 'kafka')) await stopOne(proc.name);
  // Together: the last broker alone would wait for a controller quorum that is gone.
  await Promise.all(procs.filter((p) => p.kind === 'kafka').map((p) => stopOne(p.name)));
}

async function status() {
  let ok = true;
  for (const proc of clusterProcesses()) {
    const pid = runningPid(proc.name);
    let healthy = Boolean(pid);
    if (healthy && proc.kind === 'kafka')
      healthy = await kafkaBrokerHealthy(proc.n).catch(() => false);
    else if (healthy && proc.kind === 'temporal') healthy = temporalHealthy(proc.port);
    else if (healthy && proc.port) healthy = await tcpConnects(proc.port);
    ok &&= healthy;
    const where = proc.port ? `127.0.0.1:${proc.port}` : '';
    console.log(
      `  ${proc.name.padEnd(12)} ${healthy ? green('running') : red('stopped')}  ${where.padEnd(16)} ${dim(pid ? `pid ${pid}` : '')}`,
    );
  }
  if (ok && runningPid('api-lb')) {
    const res = await fetch(`http://127.0.0.1:${CLUSTER_PORTS.apiLb}/health`).catch(() => null);
    console.log(
      `  API through the load balancer: ${res?.ok ? green('healthy') : red('not answering')}`,
    );
  }
  process.exitCode = ok ? 0 : 3;
}

function runTool(entry, args) {
  const res = run('node', ['-r', '@swc-node/register', entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...clusterAppEnv(), SWC_NODE_PROJECT: 'tsconfig.json' },
    stdio: 'inherit',
  });
  process.exitCode = res.status ?? 1;
}

const commands = {
  up,
  down,
  stop: async (name) => (name ? stopOne(name) : down()),
  status,
  start: async (name) => {
    if (!name) return up();
    await startOne(name);
  },
  failover: async (...args) => runTool('tools/cluster/failover.ts', args),
  bench: async (...args) => runTool('tools/cluster/bench.ts', args),
  config: async (dir) => {
    const files = writeClusterConfig(path.resolve(dir ?? CLUSTER));
    for (const f of Object.values(files)) console.log(f);
  },
  build: async () => buildTemporal(),
};

const [cmd = 'status', ...rest] = process.argv.slice(2);
if (!commands[cmd]) {
  console.error(`Unknown command "${cmd}". Use one of: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
commands[cmd](...rest).catch((err) => {
  if (err instanceof StackError) {
    console.error(`${red('[cluster] error:')} ${err.message}`);
    process.exit(1);
  }
  throw err;
});
