// npm run bench:city [-- --calls 5000 --seed 12345]
// The Beijing-sized generated city (16 districts, 343 streets/townships, ~7,000 communities,
// ~30,000 grids): how long generating, loading + validating the reference data and building the
// intake model take, then per generated call the intake judgment (place resolution against the
// city's gazetteer, matter classification, filter) plus three-level routing from the city centre.
// Prints p50/p95/p99/max per call and writes .data/bench/city-latest.md. Budget: p99 ≤ 20 ms per
// call. It measures, it asserts nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sampleEnforcementPowers } from '../../libs/domain/src/enforcement/sample';
import { parseIntakeFiles } from '../../libs/domain/src/intake/intake-data';
import { buildIntakeModel, screenCall } from '../../libs/domain/src/intake/screen-call';
import { parseReferenceData } from '../../libs/domain/src/reference/parse';
import { routeCityOrder } from '../../libs/domain/src/routing/city-routing';
import { generateCalls, generateCityFiles } from '../../libs/domain/src/testing/generate-city';

const ROOT = path.resolve(__dirname, '../..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const CALLS = arg('calls', 5000);
const SEED = arg('seed', 12345);
const BUDGET_MS = 20;
const DAY = '2026-12-01';
const RECEIVED = new Date('2026-12-01T02:00:00Z');

const loadBefore = os.loadavg()[0]!;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
let t = performance.now();
const files = generateCityFiles(SEED);
const generateMs = performance.now() - t;
t = performance.now();
let c = process.cpuUsage();
// What a deployment does at start: the JSON as read from disk, parsed and validated.
const raw = JSON.parse(JSON.stringify(files)) as typeof files;
const ref = parseReferenceData(raw);
const loadMs = performance.now() - t;
const loadCpuMs = cpuMs(c);
t = performance.now();
c = process.cpuUsage();
const model = buildIntakeModel(
  ref,
  parseIntakeFiles({ gazetteer: raw.gazetteer, lexicon: raw.lexicon, patterns: raw.patterns }, ref),
);
const modelMs = performance.now() - t;
const modelCpuMs = cpuMs(c);
const ctx = { ref, powers: sampleEnforcementPowers() };
const calls = generateCalls(files, CALLS, SEED + 1);

function judgeAndRoute(call: (typeof calls)[number]) {
  const s = screenCall(
    { content: call.content, category: 'complaint', receivedAt: RECEIVED },
    { openOrders: [], callerHistory: [] },
    model,
  );
  const place = s.place.resolved;
  const route = routeCityOrder(
    {
      matterTypeCode: s.matterTypeCode ?? call.matterTypeCode,
      gridId: place?.gridId ?? null,
      communityId: place?.communityId ?? null,
      streetId: place?.streetId ?? null,
      takenBy: { level: 'city' },
      day: DAY,
    },
    ctx,
  );
  return { s, route };
}

// Warm-up, as a running API is warm.
for (const call of calls.slice(0, 500)) judgeAndRoute(call);

const times: number[] = [];
const cpu: number[] = [];
const routeTimes: number[] = [];
let placed = 0;
let classified = 0;
let dispatched = 0;
for (const call of calls) {
  const start = performance.now();
  const startCpu = process.cpuUsage();
  const { s, route } = judgeAndRoute(call);
  const used = process.cpuUsage(startCpu);
  times.push(performance.now() - start);
  cpu.push((used.user + used.system) / 1000);
  if (s.place.resolved?.communityId === call.communityId) placed++;
  if (s.matterTypeCode === call.matterTypeCode) classified++;
  if (route.kind === 'dispatch') dispatched++;
}
// Routing alone (place known), every street of the city.
for (const street of ref.streets) {
  const gridId = street.communities[0]!.grids[0]!.id;
  for (const matterTypeCode of ['CG-002', 'CG-003', 'CG-007', 'MS-001', 'MS-040']) {
    const start = performance.now();
    routeCityOrder({ matterTypeCode, gridId, takenBy: { level: 'city' }, day: DAY }, ctx);
    routeTimes.push(performance.now() - start);
  }
}
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pick = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;
const [T, C, R] = [sorted(times), sorted(cpu), sorted(routeTimes)];
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const pct = (n: number) => `${((100 * n) / calls.length).toFixed(1)} %`;
const rows: [string, string][] = [
  [
    'territory',
    `${ref.districts.length} districts, ${ref.streets.length} streets/townships, ${ref.index.communities.size} communities, ${ref.index.grids.size} grids, ${ref.units.length} units, ${raw.gazetteer.places.length} gazetteer places`,
  ],
  ['generate (seed ' + SEED + ')', fmt(generateMs)],
  [
    'load + validate reference data (JSON.parse + parseReferenceData), wall / CPU',
    `${fmt(loadMs)} / ${fmt(loadCpuMs)}`,
  ],
  [
    'intake model (gazetteer check, lexicon, n-gram training), wall / CPU',
    `${fmt(modelMs)} / ${fmt(modelCpuMs)}`,
  ],
  ['calls measured', String(T.length)],
  ['judge + route per call p50', fmt(pick(T, 0.5))],
  ['judge + route per call p95', fmt(pick(T, 0.95))],
  ['judge + route per call p99', fmt(pick(T, 0.99))],
  ['judge + route per call max', fmt(T[T.length - 1]!)],
  ['CPU time p50 / p99', `${fmt(pick(C, 0.5))} / ${fmt(pick(C, 0.99))}`],
  [
    'routing alone p50 / p99 (' + R.length + ' routes)',
    `${fmt(pick(R, 0.5))} / ${fmt(pick(R, 0.99))}`,
  ],
  ['place resolved to the right community', pct(placed)],
  ['matter as generated', pct(classified)],
  ['dispatched', pct(dispatched)],
  [
    'load average (1 min) before / after',
    `${loadBefore.toFixed(1)} / ${os.loadavg()[0]!.toFixed(1)}`,
  ],
  [`p99 within ${BUDGET_MS} ms budget`, pick(T, 0.99) <= BUDGET_MS ? 'yes' : 'NO'],
];
for (const [k, v] of rows) console.log(`${k.padEnd(72)} ${v}`);
const dir = path.join(ROOT, '.data/bench');
mkdirSync(dir, { recursive: true });
writeFileSync(
  path.join(dir, 'city-latest.md'),
  [
    '# Beijing-sized city benchmark',
    '',
    `${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · node ${process.version}`,
    '',
    '| measure | value |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
  ].join('\n'),
);
console.log('report: .data/bench/city-latest.md');
