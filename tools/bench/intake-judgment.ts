// npm run bench:intake [-- --rounds 20]
// Intake judgment per call — personal-data masking, place resolution, matter classification,
// emergency detection, filter and duplicate comparison — over every call of the labelled corpus,
// in process (no servers). Prints p50/p95/p99/max per call and writes .data/bench/intake-latest.md.
// The budget is p99 ≤ 20 ms per call; it measures, it asserts nothing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sampleIntakeModel } from '../../libs/domain/src/intake/sample';
import { parseCorpus, screenCorpusCall } from '../../libs/domain/src/testing/intake-eval';

const ROOT = path.resolve(__dirname, '../..');
const i = process.argv.indexOf('--rounds');
const ROUNDS = i >= 0 ? Number(process.argv[i + 1]) : 20;
const BUDGET_MS = 20;

const t0 = performance.now();
const model = sampleIntakeModel();
const buildMs = performance.now() - t0;
const calls = ['dev', 'test'].flatMap((part) =>
  parseCorpus(part, readFileSync(path.join(ROOT, 'tools/eval/corpus', `${part}.txt`), 'utf8')),
);
// Warm-up, as a running API is warm: V8 compiles each regex and function on first use.
for (const call of calls) screenCorpusCall(call, model);

// Wall time, and the CPU time this process spent (the machine is shared: when other processes
// hold the cores, wall time includes waiting for one).
const times: number[] = [];
const cpu: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const call of calls) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    screenCorpusCall(call, model);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
    times.push(performance.now() - start);
  }
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const pick = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;
const at = (p: number) => pick(times, p);
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const rows = [
  ['calls measured', String(times.length)],
  ['model build (gazetteer, lexicon, n-gram training)', fmt(buildMs)],
  ['p50', fmt(at(0.5))],
  ['p95', fmt(at(0.95))],
  ['p99', fmt(at(0.99))],
  ['max', fmt(times[times.length - 1]!)],
  ['CPU time p50 / p99', `${fmt(pick(cpu, 0.5))} / ${fmt(pick(cpu, 0.99))}`],
  ['load average (1 min) during the run', os.loadavg()[0]!.toFixed(1)],
  [`p99 within ${BUDGET_MS} ms budget`, at(0.99) <= BUDGET_MS ? 'yes' : 'NO'],
];
for (const [k, v] of rows) console.log(`${k.padEnd(52)} ${v}`);
const dir = path.join(ROOT, '.data/bench');
mkdirSync(dir, { recursive: true });
writeFileSync(
  path.join(dir, 'intake-latest.md'),
  [
    '# Intake judgment benchmark',
    '',
    `${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · node ${process.version}`,
    '',
    '| measure | value |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
  ].join('\n'),
);
console.log('report: .data/bench/intake-latest.md');
