// npm run eval:intake [-- --part dev|test|all] [--misses]
// Screens every call of the labelled corpus (tools/eval/corpus) as intake does and prints per-field
// accuracy, emergency recall and the worst confused matter pairs; writes .data/eval/intake-latest.md.
// Misses are listed for the development part only: the test part is measured, never read.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sampleIntakeModel } from '../../libs/domain/src/intake/sample';
import {
  evaluate,
  markdownReport,
  parseCorpus,
  summaryLines,
} from '../../libs/domain/src/testing/intake-eval';

const ROOT = path.resolve(__dirname, '../..');
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const which = arg('part') ?? 'all';
const parts = which === 'all' ? ['dev', 'test'] : [which];

const started = Date.now();
const model = sampleIntakeModel();
const reports = parts.map((part) => {
  const source = readFileSync(path.join(ROOT, 'tools/eval/corpus', `${part}.txt`), 'utf8');
  return evaluate(part, parseCorpus(part, source), model);
});
for (const r of reports) {
  console.log(summaryLines(r).join('\n'));
  console.log(
    '  worst confused matter pairs:',
    r.confusions
      .slice(0, 8)
      .map((c) => `${c.expected}→${c.got}×${c.count}`)
      .join(' ') || 'none',
  );
  console.log(
    '  decision confusions:',
    r.decisionConfusions.map((c) => `${c.expected}→${c.got}×${c.count}`).join(' ') || 'none',
  );
  if (process.argv.includes('--misses') && r.part === 'dev') {
    for (const x of r.results) {
      const wrong = Object.entries(x.ok)
        .filter(([, v]) => v === false)
        .map(([k]) => k);
      if (wrong.length)
        console.log(
          `  ${x.call.id} [${wrong.join(',')}] want ${x.call.decision}/${x.call.matter ?? '-'}/${x.call.place ?? '-'}${x.call.emergency ? '/E' : ''} got ${x.got.decision}/${x.got.matter ?? '-'}/${x.got.place ?? '-'}${x.screening.emergency.isEmergency ? '/E' : ''} ${x.screening.filter.evidence.join(',')} | ${x.call.content}`,
        );
    }
  }
  console.log('');
}
const dir = path.join(ROOT, '.data/eval');
mkdirSync(dir, { recursive: true });
const file = path.join(dir, 'intake-latest.md');
writeFileSync(file, markdownReport(reports, new Date()));
console.log(`report: ${path.relative(ROOT, file)} (${Date.now() - started} ms)`);
