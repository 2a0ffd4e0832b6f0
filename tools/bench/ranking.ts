// npm run bench:ranking [-- --orders 400000 --seed 12345]
// The monthly ranking of a Beijing-sized city (generated: 16 districts, ~343 streets/townships,
// their departments and enterprises, the city units): a month of generated closed orders
// (hundreds of thousands of outcome records, as the unit_score_record read model holds them)
// becomes the units' month scores (三率 + composite, libs/domain `monthlyUnitScores`) and then
// the rankings at every level (`rankCity`): the whole city with its districts, and each district.
// Prints the times and writes .data/bench/ranking-latest.md. It measures, it asserts nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseReferenceData } from '../../libs/domain/src/reference/parse';
import { rankCity } from '../../libs/domain/src/scoring/city-ranking';
import {
  monthlyUnitScores,
  type OrderOutcomeRecord,
} from '../../libs/domain/src/scoring/monthly-scores';
import { generateCityFiles, seededRandom } from '../../libs/domain/src/testing/generate-city';

const ROOT = path.resolve(__dirname, '../..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ORDERS = arg('orders', 400_000);
const SEED = arg('seed', 12345);
const MONTH_START = Date.parse('2026-11-30T16:00:00Z'); // 1 December 2026, 00:00 in Beijing
const MONTH_MS = 30 * 86_400_000;

const loadBefore = os.loadavg()[0]!;
let t = performance.now();
const ref = parseReferenceData(JSON.parse(JSON.stringify(generateCityFiles(SEED))));
const loadMs = performance.now() - t;

// Streets carry most of the hotline's orders; departments and enterprises the rest.
const ranked = ref.units.filter((u) => u.ranked);
const streets = ranked.filter((u) => u.level === 'street');
const others = ranked.filter((u) => u.level !== 'street');
const random = seededRandom(SEED + 7);
t = performance.now();
const records: OrderOutcomeRecord[] = new Array(ORDERS);
for (let i = 0; i < ORDERS; i++) {
  const pool = random() < 0.6 ? streets : others;
  const unit = pool[Math.floor(random() * pool.length)]!;
  const quality = 0.75 + 0.2 * ((unit.id.charCodeAt(unit.id.length - 1) % 7) / 6);
  const answered = random() < 0.9;
  const r = random();
  records[i] = {
    orderId: `HL202612-${i}`,
    unitId: unit.id,
    closedAt: new Date(MONTH_START + Math.floor(random() * MONTH_MS)),
    respondedWithinLimit: random() < quality + 0.05,
    callback: answered
      ? {
          solved: random() < quality,
          satisfaction:
            r < quality ? 'satisfied' : r < quality + 0.1 ? 'basically_satisfied' : 'dissatisfied',
        }
      : 'no_answer',
    excluded: random() < 0.02,
    filtered: false,
  };
}
const generateMs = performance.now() - t;

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const cpuStart = process.cpuUsage();
t = performance.now();
const scores = monthlyUnitScores(records, ref.policy);
const scoresMs = performance.now() - t;
t = performance.now();
const city = rankCity('2026-12', scores, ref);
const cityMs = performance.now() - t;
t = performance.now();
for (const d of ref.districts)
  rankCity('2026-12', scores, ref, { level: 'district', districtId: d.id });
const districtsMs = performance.now() - t;
const rankingCpuMs = cpuMs(cpuStart);

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const g = city.groups;
const rows: [string, string][] = [
  [
    'territory',
    `${ref.districts.length} districts, ${ref.streets.length} streets/townships, ${ref.units.length} units (${ranked.length} ranked)`,
  ],
  ['load + validate reference data', fmt(loadMs)],
  [`generate ${ORDERS.toLocaleString('en')} closed orders (one month)`, fmt(generateMs)],
  [`month scores of ${scores.length} units (monthlyUnitScores)`, fmt(scoresMs)],
  [
    `city ranking (${g.streets.length} streets, ${g.townships.length} townships, ${g.departments.length} district departments, ${g.enterprises.length} district enterprises, ${g.cityDepartments.length} city departments, ${g.cityEnterprises.length} city enterprises, ${city.districts.length} districts)`,
    fmt(cityMs),
  ],
  [`${ref.districts.length} district rankings`, fmt(districtsMs)],
  [
    'scores + every ranking, total wall / CPU',
    `${fmt(scoresMs + cityMs + districtsMs)} / ${fmt(rankingCpuMs)}`,
  ],
  [
    'load average (1 min) before / after',
    `${loadBefore.toFixed(2)} / ${os.loadavg()[0]!.toFixed(2)}`,
  ],
  ['machine', `${os.cpus().length} cores, node ${process.version}`],
];
const table = ['| measure | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join(
  '\n',
);
console.log(table);
console.log(
  `top street: ${g.streets[0]?.name} ${g.streets[0]?.composite}; top district: ${city.districts[0]?.name} ${city.districts[0]?.composite}`,
);
const out = path.join(ROOT, '.data/bench');
mkdirSync(out, { recursive: true });
writeFileSync(
  path.join(out, 'ranking-latest.md'),
  `# Monthly ranking of a Beijing-sized city (${new Date().toISOString()})\n\n${table}\n`,
);
