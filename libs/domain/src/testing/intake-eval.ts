/**
 * Evaluation of intake judgment on the labelled corpus (tools/eval/corpus, format in its README):
 * each call is screened as the API screens it (personal data masked first), and compared field by
 * field with what a seasoned dispatcher decides.
 */
import type { OpenOrderAtIntake } from '../intake/screen-call';
import { screenCall, type CallScreening, type IntakeModel } from '../intake/screen-call';
import { redactPersonalData } from '../privacy/redact-personal-data';
import type { ReferenceData, RequestCategory, Urgency } from '../reference/types';
import { routeOrder } from '../routing/route-order';

export const DECISIONS = {
  ok: 'accept',
  kb: 'answered_directly',
  merge: 'merged',
  out: 'outside_public_duty',
  legal: 'in_legal_process',
  unlawful: 'unlawful_demand',
  abuse: 'abusive',
  insuf: 'insufficient_information',
} as const;
export type Decision = (typeof DECISIONS)[keyof typeof DECISIONS];

const CATEGORIES: Record<string, RequestCategory> = {
  c: 'complaint',
  h: 'help',
  q: 'consultation',
  r: 'report',
  s: 'suggestion',
  p: 'praise',
};

export interface CorpusCall {
  readonly id: string;
  readonly decision: Decision;
  readonly matter: string | null;
  /** Community/village id, or a street/township id; null when the words name no place. */
  readonly place: string | null;
  readonly category: RequestCategory;
  readonly emergency: boolean;
  readonly previous: { matter: string; place: string; address: string | null } | null;
  readonly content: string;
  readonly address: string;
}

export function parseCorpus(part: string, source: string): CorpusCall[] {
  const calls: CorpusCall[] = [];
  source.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [head = '', content = '', address = ''] = line.split('|').map((s) => s.trim());
    const [decision, matter, place, ...flags] = head.split(/\s+/);
    const id = `${part}-${String(i + 1).padStart(3, '0')}`;
    const d = DECISIONS[decision as keyof typeof DECISIONS];
    if (!d || !matter || !place || !content) throw new Error(`${id}: cannot read "${line}"`);
    const flag = (name: string) =>
      flags.find((f) => f.startsWith(`${name}=`))?.slice(name.length + 1);
    const prev = flag('prev');
    const [pm, pp, pa] = prev ? prev.split('@') : [];
    calls.push({
      id,
      decision: d,
      matter: matter === '-' ? null : matter,
      place: place === '-' ? null : place,
      category: CATEGORIES[flag('cat') ?? 'c'] ?? 'complaint',
      emergency: flags.includes('E'),
      previous: prev ? { matter: pm!, place: pp!, address: pa ?? null } : null,
      content,
      address,
    });
  });
  return calls;
}

export interface CallResult {
  readonly call: CorpusCall;
  readonly screening: CallScreening;
  readonly expected: { decision: Decision; lead: string | null; urgency: Urgency };
  readonly got: {
    decision: Decision;
    matter: string | null;
    lead: string | null;
    place: string | null;
  };
  readonly ok: {
    decision: boolean;
    matter: boolean | null;
    lead: boolean | null;
    urgency: boolean | null;
    place: boolean | null;
    emergency: boolean | null;
  };
}

export interface EvalReport {
  readonly part: string;
  readonly size: number;
  readonly results: readonly CallResult[];
  readonly accuracy: Record<
    'decision' | 'matter' | 'lead' | 'urgency' | 'place',
    { correct: number; total: number; rate: number }
  >;
  readonly emergencyRecall: { caught: number; total: number; rate: number };
  readonly emergencyFalseAlarms: number;
  readonly confusions: readonly { expected: string; got: string; count: number }[];
  readonly decisionConfusions: readonly { expected: string; got: string; count: number }[];
}

const NOW = new Date('2026-11-23T10:00:00+08:00');

/** Lead unit a dispatcher expects: the duty list's rule for (matter, place). */
export function expectedLead(call: CorpusCall, ref: ReferenceData): string | null {
  if (call.decision !== 'accept' || !call.matter) return null;
  const route = routeOrder({ matterTypeCode: call.matter, ...placeRef(call.place, ref) }, ref);
  return route.kind === 'dispatch' ? route.leadUnitId : null;
}

export function expectedUrgency(call: CorpusCall, ref: ReferenceData): Urgency {
  if (call.emergency) return 'emergency';
  if (call.decision !== 'accept' || !call.matter) return 'normal';
  return ref.index.matterTypes.get(call.matter)?.defaultUrgency ?? 'normal';
}

function placeRef(place: string | null, ref: ReferenceData) {
  if (!place) return {};
  if (ref.index.communities.has(place)) return { communityId: place };
  if (ref.index.streets.has(place)) return { streetId: place };
  throw new Error(`unknown place "${place}" in the corpus`);
}

export function screenCorpusCall(call: CorpusCall, model: IntakeModel): CallScreening {
  const { ref } = model;
  const openOrders: OpenOrderAtIntake[] = call.previous
    ? [
        {
          orderId: 'HL20261121-0000001',
          matterTypeCode: call.previous.matter,
          place: {
            ...placeRef(call.previous.place, ref),
            streetId:
              ref.index.communities.get(call.previous.place)?.streetId ?? call.previous.place,
            address: call.previous.address,
          },
          receivedAt: new Date(NOW.getTime() - 2 * 86_400_000),
        },
      ]
    : [];
  return screenCall(
    {
      content: redactPersonalData(call.content).text,
      address: call.address || null,
      category: call.category,
      receivedAt: NOW,
    },
    { openOrders, callerHistory: [] },
    model,
  );
}

export function evaluate(
  part: string,
  calls: readonly CorpusCall[],
  model: IntakeModel,
): EvalReport {
  const { ref } = model;
  const results: CallResult[] = calls.map((call) => {
    const s = screenCorpusCall(call, model);
    const decision: Decision =
      s.filter.outcome === 'rejected' ? s.filter.reason! : s.filter.outcome;
    const gotPlace = s.place.resolved
      ? (s.place.resolved.communityId ?? s.place.resolved.streetId)
      : null;
    const expected = {
      decision: call.decision,
      lead: expectedLead(call, ref),
      urgency: expectedUrgency(call, ref),
    };
    const accepted = call.decision === 'accept';
    const placeOk = call.place
      ? gotPlace === call.place ||
        // finer than the words allow is fine when it lies inside the named street
        (ref.index.streets.has(call.place) &&
          ref.index.communities.get(gotPlace ?? '')?.streetId === call.place)
      : null;
    return {
      call,
      screening: s,
      expected,
      got: { decision, matter: s.matterTypeCode, lead: s.leadUnitId, place: gotPlace },
      ok: {
        decision: decision === call.decision,
        matter: accepted && call.matter ? s.matterTypeCode === call.matter : null,
        lead: accepted && expected.lead ? s.leadUnitId === expected.lead : null,
        urgency: accepted ? s.urgency === expected.urgency : null,
        place: placeOk,
        emergency: call.emergency ? s.emergency.isEmergency : null,
      },
    };
  });
  const rate = (field: keyof CallResult['ok']) => {
    const scored = results.filter((r) => r.ok[field] !== null);
    const correct = scored.filter((r) => r.ok[field]).length;
    return { correct, total: scored.length, rate: scored.length ? correct / scored.length : 1 };
  };
  const emergencies = results.filter((r) => r.call.emergency);
  const caught = emergencies.filter((r) => r.screening.emergency.isEmergency).length;
  const pairs = new Map<string, number>();
  for (const r of results)
    if (r.ok.matter === false) {
      const key = `${r.call.matter}→${r.got.matter ?? '无'}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
  const decisionPairs = new Map<string, number>();
  for (const r of results)
    if (!r.ok.decision) {
      const key = `${r.call.decision}→${r.got.decision}`;
      decisionPairs.set(key, (decisionPairs.get(key) ?? 0) + 1);
    }
  const sortPairs = (m: Map<string, number>) =>
    [...m]
      .map(([k, count]) => {
        const [expected, got] = k.split('→') as [string, string];
        return { expected, got, count };
      })
      .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected));
  return {
    part,
    size: results.length,
    results,
    accuracy: {
      decision: rate('decision'),
      matter: rate('matter'),
      lead: rate('lead'),
      urgency: rate('urgency'),
      place: rate('place'),
    },
    emergencyRecall: {
      caught,
      total: emergencies.length,
      rate: emergencies.length ? caught / emergencies.length : 1,
    },
    emergencyFalseAlarms: results.filter(
      (r) => !r.call.emergency && r.screening.emergency.isEmergency,
    ).length,
    confusions: sortPairs(pairs),
    decisionConfusions: sortPairs(decisionPairs),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function summaryLines(report: EvalReport): string[] {
  const a = report.accuracy;
  const line = (name: string, r: { correct: number; total: number; rate: number }) =>
    `${name.padEnd(10)} ${pct(r.rate).padStart(6)}  (${r.correct}/${r.total})`;
  return [
    `${report.part}: ${report.size} calls`,
    line('decision', a.decision),
    line('matter', a.matter),
    line('lead unit', a.lead),
    line('urgency', a.urgency),
    line('place', a.place),
    line('emergency', { ...report.emergencyRecall, correct: report.emergencyRecall.caught }) +
      ' recall',
    `emergency false alarms: ${report.emergencyFalseAlarms}`,
  ];
}

export function markdownReport(reports: readonly EvalReport[], generatedAt: Date): string {
  const out: string[] = [
    '# Intake evaluation (受理研判评测)',
    '',
    `Generated ${generatedAt.toISOString()} by \`npm run eval:intake\`. Corpus: tools/eval/corpus (test part written before tuning, never tuned on).`,
    '',
    '| part | calls | decision | matter | lead unit | urgency | place (named) | emergency recall | false alarms |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of reports) {
    const a = r.accuracy;
    out.push(
      `| ${r.part} | ${r.size} | ${pct(a.decision.rate)} (${a.decision.correct}/${a.decision.total}) | ${pct(a.matter.rate)} (${a.matter.correct}/${a.matter.total}) | ${pct(a.lead.rate)} (${a.lead.correct}/${a.lead.total}) | ${pct(a.urgency.rate)} (${a.urgency.correct}/${a.urgency.total}) | ${pct(a.place.rate)} (${a.place.correct}/${a.place.total}) | ${pct(r.emergencyRecall.rate)} (${r.emergencyRecall.caught}/${r.emergencyRecall.total}) | ${r.emergencyFalseAlarms} |`,
    );
  }
  for (const r of reports) {
    out.push('', `## ${r.part}: worst confused matter pairs (expected → suggested)`, '');
    out.push(
      ...(r.confusions.length
        ? r.confusions.slice(0, 15).map((c) => `- ${c.expected} → ${c.got}: ${c.count}`)
        : ['- none']),
    );
    out.push('', `## ${r.part}: decision confusions`, '');
    out.push(
      ...(r.decisionConfusions.length
        ? r.decisionConfusions.map((c) => `- ${c.expected} → ${c.got}: ${c.count}`)
        : ['- none']),
    );
    // Only the development part's misses are listed: the test part is measured, never read.
    if (r.part !== 'dev') continue;
    out.push('', `## ${r.part}: misses`, '');
    for (const x of r.results) {
      const wrong = Object.entries(x.ok)
        .filter(([, v]) => v === false)
        .map(([k]) => k);
      if (wrong.length === 0) continue;
      out.push(
        `- ${x.call.id} [${wrong.join(', ')}] expected ${x.call.decision}/${x.call.matter ?? '-'}/${x.call.place ?? '-'}${x.call.emergency ? '/E' : ''}, got ${x.got.decision}/${x.got.matter ?? '-'}/${x.got.place ?? '-'}${x.screening.emergency.isEmergency ? '/E' : ''}: ${x.call.content}`,
      );
    }
  }
  return out.join('\n') + '\n';
}
