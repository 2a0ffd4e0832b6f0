#!/usr/bin/env node
// npm run fuzz: schema-driven fuzzing of the running API with schemathesis, for every role.
// Needs the stack and the API (`npm start`); starts them when the API does not answer. Only ever
// talks to http://127.0.0.1:3000. Prints the number of cases and of 5xx answers; exits 1 on any 5xx.
//
// Knobs (environment): FUZZ_MAX_EXAMPLES (per operation and phase, default 10),
// FUZZ_JOB_SECONDS (hard limit per job, default 180), FUZZ_SEED (to replay a run).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VENV = path.join(ROOT, '.data/venv');
const REQUIREMENTS = path.join(ROOT, 'docker/native/requirements-fuzz.txt');
const SCHEMATHESIS = path.join(VENV, 'bin/schemathesis');
const SPEC = path.join(ROOT, 'apps/api/openapi.json');
const OUT = path.join(ROOT, '.data/fuzz');
// Fixed on purpose: the fuzzer sends thousands of odd requests and must never reach anything else.
const API = 'http://127.0.0.1:3000';
const MAX_EXAMPLES = positiveInt(process.env.FUZZ_MAX_EXAMPLES, 10);
const JOB_SECONDS = positiveInt(process.env.FUZZ_JOB_SECONDS, 180);
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

async function apiIsUp() {
  try {
    const res = await fetch(`${API}/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function ensureApi() {
  if (await apiIsUp()) return;
  log(`no API on ${API}: starting the stack and the apps (node docker/native/stack.mjs start)`);
  const start = run(process.execPath, ['docker/native/stack.mjs', 'start'], { stdio: 'inherit' });
  if (start.status !== 0 || !(await apiIsUp())) fail(`the API did not come up on ${API}`);
}

function token({ name, role, unit }) {
  const args = [
    '-r',
    '@swc-node/register',
    'tools/mint-token.ts',
    '--role',
    role,
    '--sub',
    `fuzz-${name}`,
  ];
  const minted = run(process.execPath, unit ? [...args, '--unit', unit] : args);
  if (minted.status !== 0) fail(`could not mint a ${role} token: ${minted.stderr}`);
  return minted.stdout.trim();
}

/** Cases and 5xx answers of one run, from schemathesis's NDJSON event stream. */
function tally(file) {
  const result = { cases: 0, serverErrors: [] };
  if (!existsSync(file)) return result;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const scenario = JSON.parse(line).ScenarioFinished;
    for (const interaction of Object.values(scenario?.recorder?.interactions ?? {})) {
      const status = interaction.response?.status_code;
      if (status === undefined) continue;
      result.cases += 1;
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
async function seedOrders() {
  const headers = {
    Authorization: `Bearer ${token({ name: 'seed', role: 'operator' })}`,
    'Content-Type': 'application/json',
  };
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const phone = `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const res = await fetch(`${API}/orders`, {
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
    const res = await fetch(`${API}/orders/${orderId}`, {
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
    '--header',
    `Authorization: Bearer ${bearer}`,
    '--checks',
    'not_a_server_error',
    '--phases',
    job.phases,
    ...job.filter,
    '--max-examples',
    String(MAX_EXAMPLES),
    '--workers',
    '1',
    // Under the API's limit of 600 a minute per token: a 429 would hide what a case does.
    '--rate-limit',
    '500/m',
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
    const child = spawn(SCHEMATHESIS, args, { cwd: OUT, stdio: ['ignore', 'pipe', 'pipe'] });
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
        `${job.name}: ${t.cases} cases, ${t.serverErrors.length} 5xx${generated ? ` (${generated})` : ''}`,
      );
      if (t.cases === 0)
        log(`${job.name}: no case ran; schemathesis said:\n${output.slice(-2000)}`);
      resolve({ ...t, serverErrors: t.serverErrors.map((e) => `${job.name}: ${e}`) });
    });
  });
}

async function main() {
  const version = ensureSchemathesis();
  await ensureApi();
  mkdirSync(OUT, { recursive: true });
  log(
    `schemathesis ${version} against ${API}: ${JOBS.length} jobs, ${PARALLEL_JOBS} at a time, ` +
      `${MAX_EXAMPLES} examples per operation, ${JOB_SECONDS} s at most each`,
  );
  const orderIds = await seedOrders();
  log(`real orders for the order ids: ${orderIds.join(', ') || 'none'}`);
  const config = writeConfig(orderIds);
  const queue = JOBS.map((job) => ({ job, bearer: token(job) }));
  const results = [];
  await Promise.all(
    Array.from({ length: PARALLEL_JOBS }, async () => {
      for (let next = queue.shift(); next; next = queue.shift())
        results.push(await runJob(next.job, next.bearer, config));
    }),
  );
  const cases = results.reduce((n, r) => n + r.cases, 0);
  const serverErrors = results.flatMap((r) => r.serverErrors);
  for (const e of [...new Set(serverErrors)].slice(0, 50)) log(`5xx  ${e}`);
  console.log(`fuzz: ${cases} cases, ${serverErrors.length} 5xx (reports in .data/fuzz/)`);
  process.exit(serverErrors.length > 0 || cases === 0 ? 1 : 0);
}

main().catch((err) => fail(err instanceof Error ? err.stack : String(err)));
