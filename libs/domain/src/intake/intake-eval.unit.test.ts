import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate, parseCorpus } from '../testing/intake-eval';
import { sampleIntakeModel } from './sample';

/**
 * The development part of the labelled corpus (tools/eval/corpus/dev.txt) with thresholds a
 * regression would break. The test part is not run here: it is measured by `npm run eval:intake`
 * and never tuned on.
 */
const corpus = (part: string) =>
  parseCorpus(
    part,
    readFileSync(path.resolve(__dirname, '../../../../tools/eval/corpus', `${part}.txt`), 'utf8'),
  );

describe('intake judgment on the development corpus', () => {
  const report = evaluate('dev', corpus('dev'), sampleIntakeModel());

  it('is big enough and covers what the issue asks for', () => {
    const all = [...corpus('dev'), ...corpus('test')];
    expect(all.length).toBeGreaterThanOrEqual(600);
    const count = (p: (c: (typeof all)[number]) => boolean) => all.filter(p).length;
    for (const reason of [
      'outside_public_duty',
      'in_legal_process',
      'unlawful_demand',
      'abusive',
      'insufficient_information',
    ])
      expect(count((c) => c.decision === reason)).toBeGreaterThanOrEqual(40);
    expect(count((c) => c.emergency)).toBeGreaterThanOrEqual(30);
    expect(count((c) => c.previous !== null)).toBeGreaterThanOrEqual(30);
    const matters = new Map<string, number>();
    for (const c of all)
      if (c.decision === 'accept' && c.matter)
        matters.set(c.matter, (matters.get(c.matter) ?? 0) + 1);
    const catalogue = sampleIntakeModel().ref.matterTypes.map((m) => m.code);
    expect(catalogue.filter((code) => (matters.get(code) ?? 0) < 3)).toEqual([]);
  });

  it('decides, classifies and routes as a dispatcher would', () => {
    expect(report.accuracy.decision.rate).toBeGreaterThanOrEqual(0.95);
    expect(report.accuracy.matter.rate).toBeGreaterThanOrEqual(0.92);
    expect(report.accuracy.lead.rate).toBeGreaterThanOrEqual(0.92);
    expect(report.accuracy.urgency.rate).toBeGreaterThanOrEqual(0.95);
    expect(report.accuracy.place.rate).toBeGreaterThanOrEqual(0.95);
  });

  it('catches every emergency', () => {
    expect(report.emergencyRecall.total).toBeGreaterThanOrEqual(20);
    expect(
      report.results
        .filter((r) => r.call.emergency && !r.screening.emergency.isEmergency)
        .map((r) => r.call.content),
    ).toEqual([]);
  });
});
