#!/usr/bin/env node
// npm run fuzz: schema-driven fuzzing of the API with schemathesis, for every role, for the
// Open311 form routes and with junk Authorization headers.
// By default it starts the api, worker and projector itself, as child processes on a private port
// (FUZZ_PORT, 3100) against the servers of the environment (the dev stack's ports by default;
// `node docker/native/stack.mjs up` when they do not answer), in a database schema, topics, task
// queue and consumer group of the run's own, removed at the end. FUZZ_API_URL=http://127.0.0.1:3000
// fuzzes an API that already runs instead (`npm start`). Prints the number of cases and of 5xx
// answers; exits 1 on any 5xx.
//
// Knobs (environment): FUZZ_MAX_EXAMPLES (per operation and phase, default 25),
// FUZZ_JOB_SECONDS (hard limit per job, default 300), FUZZ_SEED (to replay a run).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VENV = path.join(ROOT, '.data/venv');
const REQUIREMENTS = path.join(ROOT, 'docker/native/requirements-fuzz.txt');
const SCHEMATHESIS = path.join(VENV, 'bin/schemathesis');
const SPEC = path.join(ROOT, 'apps/api/openapi.json');
const OUT = path.join(ROOT, '.data/fuzz');
const HOOKS = path.join(ROOT, 'tools/fuzz/junk_auth.py');
// Loopback only, on purpose: the fuzzer sends thousands of odd requests and must reach nothing else.
const EXTERNAL = process.env.FUZZ_API_URL;
if (EXTERNAL && !/^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(EXTERNAL))
  throw new Error(`FUZZ_API_URL must be http://127.0.0.1:<port>, not ${EXTERNAL}`);
const PORT = positiveInt(process.env.FUZZ_PORT, 3100);
const API = EXTERNAL ?? `http://127.0.0.1:${PORT}`;
const MAX_EXAMPLES = positiveInt(process.env.FUZZ_MAX_EXAMPLES, 25);
const JOB_SECONDS = positiveInt(process.env.FUZZ_JOB_SECONDS, 300);
const PARALLEL_JOBS = 3;
/**
 * The supervisor may call everything: every operation, every phase (the coverage phase tries
 * each field's boundaries and wrong types), in five jobs. The other roles see the API their own
 * way (403s, masked callers, a unit's own orders): examples and random cases of every operation.
 * Each job has a token of its own, so each has its own window under the API's rate limit.
 */
const ALL_PHASES = 'examples,coverage,fuzzing';
const JOBS = [
  {
    name: 'supervisor-intake',
    role: 'supervisor',
    phases: ALL_PHASES,
    filter: ['--include-path-regex', '^/orders(/by-caller|/\\{orderId\\})?$'],
  },
  {
    name: 'supervisor-actions',
    role: 'supervisor',
    phases: ALL_PHASES,
    filter: ['--include-path-regex', '^/orders/\\{orderId\\}/'],
  },
  {
    name: 'supervisor-open311',
    role: 'supervisor',
    phases: ALL_PHASES,
    filter: ['--include-path-regex', '^/(open311|health)'],
  },
  {
    name: 'supervisor-views',
    role: 'supervisor',
    phases: ALL_PHASES,
    filter: ['--include-path-regex', '^/views'],
  },
  {
    name: 'supervisor-rest',
    role: 'supervisor',
    phases: ALL_PHASES,
    filter: ['--exclude-path-regex', '^/(orders|open311|health|views)'],
  },
  {
    // The Open311 submission as the spec has it: form-encoded (and JSON), with every field's
    // boundaries and wrong types, many more cases than the other operations get.
    name: 'open311-form',
    role: 'supervisor',
    phases: ALL_PHASES,
    filter: ['--include-path-regex', '^/open311/v2/requests', '--include-method', 'POST'],
    examples: 8,
  },
  // Junk Authorization headers (tools/fuzz/junk_auth.py): never a 5xx, whatever the header.
  { name: 'junk-auth-a', junkAuth: true, phases: 'examples,fuzzing', filter: [] },
  { name: 'junk-auth-b', junkAuth: true, phases: 'coverage', filter: [] },
  { name: 'operator', role: 'operator', phases: 'examples,fuzzing', filter: [] },
  { name: 'unit-CGZF', role: 'unit', unit: 'CGZF', phases: 'examples,fuzzing', filter: [] },
  { name: 'auditor', role: 'auditor', phases: 'examples,fuzzing', filter: [] },
];

const log = (line) => console.log(`[fuzz] ${line}`);

function positiveInt(value, fallback) {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive integer: ${value}`);
  return n;
}

function fail(message) {
  console.error(`[fuzz] ${message}`);
  process.exit(2);
}

function run(command, args, options = {}) {
  return spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', ...options });
}

/** The pinned schemathesis in the project's venv (the one the stack made for Temporal's CLI). */
function ensureSchemathesis() {
  if (!existsSync(path.join(VENV, 'bin/pip')))
    fail(
      'The project venv .data/venv is missing: run `npm run stack -- install` (or `npm start`) first.',
    );
  const pinned = /^schemathesis==(\S+)$/m.exec(readFileSync(REQUIREMENTS, 'utf8'))?.[1];
  if (!pinned) fail(`${REQUIREMENTS} must pin schemathesis==<version>`);
  const installed = existsSync(SCHEMATHESIS) ? (run(SCHEMATHESIS, ['--version']).stdout ?? '') : '';
  if (installed.includes(pinned)) return pinned;
  log(`installing schemathesis ${pinned} into .data/venv`);
  const pip = run(path.join(VENV, 'bin/pip'), ['install', '--quiet', '-r', REQUIREMENTS], {
    stdio: 'inherit',
  });
  if (pip.status !== 0) fail('pip could not install docker/native/requirements-fuzz.txt');
  return pinned;
}

function tcpConnects(hostPort) {
  const [host, port] = hostPort.split(':');
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), host);
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

/** The servers the apps will use (from the environment, else the dev stack's fixed ports). */
function serverEnv() {
  return {
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://hotline:hotline@127.0.0.1:55432/hotline',
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  };
}

async function ensureServers(env) {
  const pg = new URL(env.DATABASE_URL);
  const needed = [
    `${pg.hostname}:${pg.port || 5432}`,
    env.KAFKA_BROKERS.split(',')[0],
    env.TEMPORAL_ADDRESS,
  ];
  const up = await Promise.all(needed.map(tcpConnects));
  if (up.every(Boolean)) return;
  log('the servers do not answer: starting them (node docker/native/stack.mjs up)');
  const res = run(process.execPath, ['docker/native/stack.mjs', 'up'], { stdio: 'inherit' });
  if (res.status !== 0) fail('the stack did not come up');
}

/**
 * The api, worker and projector of this run, as child processes: the API on FUZZ_PORT, all three
 * in a schema, topics, task queue and consumer group of the run's own. Resolves with a stop().
 */
/**
 * The run's own PostgreSQL, Kafka and Temporal (tools/fuzz/fuzz-stack.ts serve): no shared server
 * is touched. Resolves with their environment and a stop().
 */
async function startPrivateServers() {
  log(`starting servers of the run's own (PostgreSQL, Kafka, Temporal; .data/fuzz/servers)`);
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'tools/fuzz/fuzz-stack.ts', 'serve'],
    {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json' },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const env = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('ENV '));
      if (line) resolve(JSON.parse(line.slice(4)));
    });
    child.once('exit', (code) => reject(new Error(`the fuzz servers exited (${code})`)));
  });
  return {
    env,
    stop: async () => {
      child.stdin.end();
      await Promise.race([
        new Promise((r) => child.once('exit', r)),
        new Promise((r) => setTimeout(r, 30_000)),
      ]);
    },
  };
}

async function startPrivateApps() {
  const runId = Date.now().toString(36);
  const own = process.env.FUZZ_SHARED_SERVERS ? null : await startPrivateServers();
  const servers = own ? own.env : serverEnv();
  if (!own) await ensureServers(servers);
  if (await tcpConnects(`127.0.0.1:${PORT}`))
    fail(`port ${PORT} is taken: set FUZZ_PORT, or FUZZ_API_URL to fuzz what runs there`);
  const base = {
    ...process.env,
    ...servers,
    KAFKA_TOPIC_PREFIX: `hotline-fuzz-${runId}`,
    SWC_NODE_PROJECT: 'tsconfig.json',
    NO_COLOR: '1',
  };
  const tool = (args) =>
    run(process.execPath, ['-r', '@swc-node/register', 'tools/fuzz/fuzz-stack.ts', ...args], {
      env: base,
    });
  let databaseUrl = servers.DATABASE_URL;
  if (!own) {
    const created = tool(['create', runId]);
    if (created.status !== 0) fail(`could not create the fuzz schema: ${created.stderr}`);
    databaseUrl = created.stdout.trim();
  }
  const env = {
    ...base,
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'development',
    API_HOST: '127.0.0.1',
    API_PORT: String(PORT),
    // Many jobs from one address: the limiter must not turn cases into 429s.
    API_RATE_LIMIT_PER_MINUTE: '1000000',
    TEMPORAL_TASK_QUEUE: `hotline-fuzz-${runId}`,
    PROJECTOR_GROUP_ID: `hotline-fuzz-${runId}`,
  };
  mkdirSync(OUT, { recursive: true });
  const children = [];
  for (const app of ['worker', 'projector', 'api']) {
    const logFile = path.join(OUT, `${app}.log`);
    const out = openSync(logFile, 'w');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
      cwd: ROOT,
      env,
      stdio: ['ignore', out, out],
    });
    children.push(child);
    const ready =
      app === 'api' ? apiIsUp : async () => readFileSync(logFile, 'utf8').includes(`${app} ready`);
    const until = Date.now() + 180_000;
    while (!(await ready())) {
      if (child.exitCode !== null || Date.now() > until) {
        for (const c of children) c.kill('SIGKILL');
        await own?.stop();
        fail(
          `the ${app} did not start; .data/fuzz/${app}.log:\n${readFileSync(logFile, 'utf8').slice(-2000)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    log(`${app} started (log in .data/fuzz/${app}.log)`);
  }
  return async () => {
    for (const c of children.reverse()) {
      if (c.exitCode !== null) continue;
      c.kill('SIGTERM');
      await Promise.race([
        new Promise((r) => c.once('exit', r)),
        new Promise((r) => setTimeout(r, 10_000)),
      ]);
      if (c.exitCode === null) c.kill('SIGKILL');
    }
    if (own) return own.stop();
    const dropped = tool(['drop', runId]);
    if (dropped.status !== 0) log(`could not remove the fuzz schema and topics: ${dropped.stderr}`);
  };
}

async function apiIsUp() {
  try {
    const res = await fetch(`${API}/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

function token({ name, role, unit }, env = process.env) {
  const args = [
    '-r',
    '@swc-node/register',
    'tools/mint-token.ts',
    '--role',
    role,
    '--sub',
    `fuzz-${name}`,
  ];
  const minted = run(process.execPath, unit ? [...args, '--unit', unit] : args, {
    env: { ...env, NODE_ENV: 'development' },
  });
  if (minted.status !== 0) fail(`could not mint a ${role} token: ${minted.stderr}`);
  return minted.stdout.trim();
}

/** Cases and 5xx answers of one run, from schemathesis's NDJSON event stream. */
function tally(file) {
  const result = { cases: 0, form: 0, serverErrors: [] };
  if (!existsSync(file)) return result;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let scenario;
    try {
      scenario = JSON.parse(line).ScenarioFinished;
    } catch {
      continue; // the last line of a job stopped at its time limit may be cut short
    }
    for (const interaction of Object.values(scenario?.recorder?.interactions ?? {})) {
      const status = interaction.response?.status_code;
      if (status === undefined) continue;
      result.cases += 1;
      const headers = interaction.request.headers ?? {};
      const type = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
      if (String(type ?? '').includes('x-www-form-urlencoded')) result.form += 1;
      if (status >= 500)
        result.serverErrors.push(
          `${status} ${interaction.request.method} ${interaction.request.uri}`,
        );
    }
  }
  return result;
}

/**
 * A few real orders (noise complaints, dispatched to 城管执法 CGZF), offered for half of the
 * cases' order ids: random ids only ever meet "no such order", real ones reach the workflow's
 * own refusals (403, 409) and the unit's actions.
 */
/**
 * fetch, again after a network error: a pooled keep-alive connection the API closed meanwhile
 * (its keep-alive timeout is 5 s, minting the tokens takes longer) fails once.
 */
async function fetchAgain(url, init) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (err) {
      if (attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function seedOrders() {
  const headers = {
    Authorization: `Bearer ${token({ name: 'seed', role: 'operator' })}`,
    'Content-Type': 'application/json',
  };
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const phone = `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const res = await fetchAgain(`${API}/orders`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        idempotencyKey: `fuzz-seed-${Date.now()}-${i}`,
        channel: 'phone',
        category: 'complaint',
        content: '星湖东里3号楼旁的工地夜间施工噪音很大，22点以后还在干',
        address: '星湖街道星湖东里3号楼旁工地',
        streetId: 'XHJD',
        communityId: 'XHJD-01',
        caller: { name: '模糊测试', phone },
      }),
    });
    if (res.ok) ids.push((await res.json()).orderId);
    else log(`seed order refused: ${res.status} ${await res.text()}`);
  }
  // Only orders whose own workflow runs here (a dev order number can meet a test run's workflow).
  const live = [];
  for (const id of ids) {
    if (await dispatched(id, headers)) live.push(id);
    else log(`seed order ${id} did not reach "dispatched": not used`);
  }
  return live;
}

async function dispatched(orderId, headers) {
  for (const until = Date.now() + 12_000; Date.now() < until;) {
    const res = await fetchAgain(`${API}/orders/${orderId}`, {
      headers,
      signal: AbortSignal.timeout(10_000),
    }).catch(() => null);
    const body = res?.ok ? await res.json() : null;
    if (body?.state?.status === 'dispatched') return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/** schemathesis.toml for this run: real order ids for half of the path parameters that take one. */
function writeConfig(orderIds) {
  const file = path.join(OUT, 'schemathesis.toml');
  const values = orderIds.map((id) => JSON.stringify(id)).join(', ');
  const bindings = ['path.orderId', 'path.service_request_id']
    .map((key) => `"${key}" = { dictionary = "orders", probability = 0.5 }`)
    .join('\n');
  writeFileSync(
    file,
    orderIds.length > 0
      ? `[dictionaries.orders]\nvalues = [${values}]\n\n[parameters]\n${bindings}\n`
      : '',
  );
  return file;
}

/** One schemathesis run; resolves with its tally once it ends or reaches its time limit. */
function runJob(job, bearer, config) {
  const report = path.join(OUT, `${job.name}.ndjson`);
  const args = [
    'run',
    SPEC,
    '--url',
    API,
    ...(job.junkAuth ? [] : ['--header', `Authorization: Bearer ${bearer}`]),
    '--checks',
    'not_a_server_error',
    '--phases',
    job.phases,
    ...job.filter,
    '--max-examples',
    String(MAX_EXAMPLES * (job.examples ?? 1)),
    '--workers',
    '1',
    // An API of someone else's keeps its limit of 600 a minute per token: stay under it (a 429
    // would hide what a case does). The run's own API has no practical limit.
    ...(EXTERNAL ? ['--rate-limit', '500/m'] : []),
    '--request-timeout',
    '10',
    '--generation-database',
    'none',
    '--report',
    'ndjson',
    '--report-ndjson-path',
    report,
    '--no-color',
    ...(process.env.FUZZ_SEED ? ['--seed', process.env.FUZZ_SEED] : []),
  ];
  log(`${job.name}: running`);
  return new Promise((resolve) => {
    const env = job.junkAuth
      ? { ...process.env, SCHEMATHESIS_HOOKS: HOOKS, FUZZ_VALID_TOKEN: bearer }
      : process.env;
    const child = spawn(SCHEMATHESIS, args, { cwd: OUT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      log(`${job.name}: stopped at the ${JOB_SECONDS} s limit`);
      child.kill('SIGTERM');
    }, JOB_SECONDS * 1000);
    child.on('close', () => {
      clearTimeout(timer);
      const t = tally(report);
      const generated = /Test cases:\s*\n\s*(.+)/.exec(output)?.[1]?.trim();
      log(
        `${job.name}: ${t.cases} cases${t.form ? ` (${t.form} form-encoded)` : ''}, ${t.serverErrors.length} 5xx${generated ? ` (${generated})` : ''}`,
      );
      if (t.cases === 0)
        log(`${job.name}: no case ran; schemathesis said:\n${output.slice(-2000)}`);
      resolve({ ...t, serverErrors: t.serverErrors.map((e) => `${job.name}: ${e}`) });
    });
  });
}

async function main() {
  const version = ensureSchemathesis();
  mkdirSync(OUT, { recursive: true });
  const stopApps = EXTERNAL ? async () => {} : await startPrivateApps();
  if (!(await apiIsUp())) fail(`nothing answers on ${API}/health`);
  try {
    return await fuzz(version);
  } finally {
    await stopApps();
  }
}

async function fuzz(version) {
  log(
    `schemathesis ${version} against ${API}: ${JOBS.length} jobs, ${PARALLEL_JOBS} at a time, ` +
      `${MAX_EXAMPLES} examples per operation, ${JOB_SECONDS} s at most each`,
  );
  const orderIds = await seedOrders();
  log(`real orders for the order ids: ${orderIds.join(', ') || 'none'}`);
  const config = writeConfig(orderIds);
  const queue = JOBS.map((job) => ({ job, bearer: token({ role: 'supervisor', ...job }) }));
  const results = [];
  await Promise.all(
    Array.from({ length: PARALLEL_JOBS }, async () => {
      for (let next = queue.shift(); next; next = queue.shift())
        results.push(await runJob(next.job, next.bearer, config));
    }),
  );
  const cases = results.reduce((n, r) => n + r.cases, 0);
  const form = results.reduce((n, r) => n + r.form, 0);
  const serverErrors = results.flatMap((r) => r.serverErrors);
  for (const e of [...new Set(serverErrors)].slice(0, 50)) log(`5xx  ${e}`);
  console.log(
    `fuzz: ${cases} cases (${form} form-encoded), ${serverErrors.length} 5xx (reports in .data/fuzz/)`,
  );
  return serverErrors.length > 0 || cases === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => fail(err instanceof Error ? err.stack : String(err)),
);
