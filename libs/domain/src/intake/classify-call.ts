/**
 * Matter classification that generalises beyond exact keywords, and stays explainable and offline.
 *
 * Two sources of evidence, added per matter type:
 *  1. Phrases: the duty list's keywords and the lexicon's everyday phrases, matched gap-tolerantly
 *     ("工资…拖" finds "工资一直拖着不给"), ignoring negated ones. Each hit weighs its length times
 *     the weight of the clause it sits in.
 *  2. A multinomial naive Bayes over character bigrams, trained at start on the same phrases plus
 *     the matter names: it catches calls that share most characters with a phrase but not the
 *     phrase itself ("屋里冷得待不住" ≈ "屋里…冷"), and ranks the rest.
 * Clause weighting: the caller's complaint counts most; clauses that only give context — a phone or
 * ID number, a child's school, a household registration — count least, so "孩子在红枫小学上学"
 * cannot steal the matter from "暖气一点都不热". Place names are replaced by a neutral word for
 * their kind before classifying ("星湖公园" → "公园"), so "星湖菜市场" says nothing about a matter.
 */
import type { ReferenceData } from '../reference/types';
import type { IntakePatternsFile, MatterLexiconFile } from './intake-data';
import { compileAll, compilePattern, type CompiledPattern, findHits } from './patterns';

export interface MatterCandidate {
  readonly matterTypeCode: string;
  readonly name: string;
  readonly leadUnitId: string | null;
  /** 0–1, over all matter types. */
  readonly confidence: number;
  /** The caller's words that decided (phrases hit, or the most telling character pairs). */
  readonly evidence: readonly string[];
  /** Phrase evidence only (0 when only the n-gram model speaks for it). */
  readonly phraseScore: number;
}

export interface MatterClassification {
  /** Best first, at most three. */
  readonly candidates: readonly MatterCandidate[];
  /** A phrase of some matter was found: the call names a recognisable object or matter. */
  readonly recognised: boolean;
}

interface MatterEntry {
  readonly code: string;
  readonly name: string;
  readonly leadUnitId: string | null;
  readonly phrases: readonly CompiledPattern[];
}

export interface MatterModel {
  readonly matters: readonly MatterEntry[];
  /** log P(bigram | matter), per matter index; unseen bigrams use `unseen`. */
  readonly logProb: ReadonlyMap<string, Float64Array>;
  readonly unseen: Float64Array;
  readonly context: readonly CompiledPattern[];
  readonly cues: readonly CompiledPattern[];
}

const ALPHA = 0.1;
const NB_WEIGHT = 2.5;
const TEMPERATURE = 1.6;
const CONTEXT_WEIGHT = 0.2;
const AFTER_CUE_WEIGHT = 1.5;

export function buildMatterModel(
  ref: ReferenceData,
  lexicon: MatterLexiconFile,
  patterns: IntakePatternsFile,
): MatterModel {
  const byCode = new Map(lexicon.matters.map((m) => [m.code, m.phrases]));
  const matters: MatterEntry[] = ref.matterTypes.map((m) => {
    const sources = [
      ...m.keywords.map((k) => k.split('+').join('…{20}')),
      ...(byCode.get(m.code) ?? []),
    ];
    return {
      code: m.code,
      name: m.name,
      leadUnitId: m.leadUnitId,
      phrases: compileAll([...new Set(sources.map((s) => s.toLowerCase()))]),
    };
  });
  // Naive Bayes training: every phrase and the name are one short document of the matter.
  const counts = new Map<string, Float64Array>();
  const totals = new Float64Array(matters.length);
  matters.forEach((m, i) => {
    const docs = [m.name, ...m.phrases.map((p) => p.source)];
    for (const doc of docs)
      for (const segment of doc.split(/[…()|?{}\d]+/u))
        for (const gram of bigrams(segment)) {
          const row = counts.get(gram) ?? new Float64Array(matters.length);
          row[i]! += 1;
          counts.set(gram, row);
          totals[i]! += 1;
        }
  });
  const vocabulary = counts.size;
  const logProb = new Map<string, Float64Array>();
  for (const [gram, row] of counts) {
    logProb.set(
      gram,
      row.map((c, i) => Math.log((c + ALPHA) / (totals[i]! + ALPHA * vocabulary))),
    );
  }
  const unseen = totals.map((t) => Math.log(ALPHA / (t + ALPHA * vocabulary)));
  return {
    matters,
    logProb,
    unseen,
    context: compileAll(patterns.contextClauses),
    cues: compileAll(patterns.complaintCues),
  };
}

interface Clause {
  readonly start: number;
  readonly end: number;
  readonly weight: number;
}

const CLAUSE_BREAK = /[，,。！？!?；;、\n：:]/u;

/** Splits into clauses and weighs each: context least, what follows a complaint cue most. */
export function weighClauses(text: string, model: MatterModel): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  let afterCue = false;
  const push = (end: number) => {
    if (end <= start) return;
    const body = text.slice(start, end);
    const isContext =
      /\d{6,}/u.test(body.replace(/[-\s]/g, '')) ||
      /\*{3,}|\[已隐去\]|【.*?】/u.test(body) ||
      findHits(body, model.context, []).length > 0;
    const hasCue = findHits(body, model.cues, []).length > 0;
    let weight = isContext ? CONTEXT_WEIGHT : 1;
    if (!isContext && (afterCue || hasCue)) weight = AFTER_CUE_WEIGHT;
    clauses.push({ start, end, weight });
    if (hasCue) afterCue = true;
  };
  for (let i = 0; i < text.length; i++) {
    if (CLAUSE_BREAK.test(text[i]!)) {
      push(i);
      start = i + 1;
    }
  }
  push(text.length);
  return clauses;
}

export function classifyCall(
  text: string,
  model: MatterModel,
  negations: readonly string[],
): MatterClassification {
  const weighed = score(text, weighClauses(text, model), model, negations);
  if (weighed.recognised) return weighed;
  // Context is all the caller said ("孩子上幼儿园没有学位"): then it is the complaint.
  const plain = score(
    text,
    weighClauses(text, model).map((c) => ({ ...c, weight: 1 })),
    model,
    negations,
  );
  return plain.recognised ? plain : weighed;
}

function score(
  text: string,
  clauses: readonly Clause[],
  model: MatterModel,
  negations: readonly string[],
): MatterClassification {
  const weightAt = (index: number) =>
    clauses.find((c) => index >= c.start && index < c.end)?.weight ?? 1;

  // 1. Phrase evidence, overlapping hits of one matter counted once (the longest).
  const phraseScores = new Float64Array(model.matters.length);
  const evidence: string[][] = model.matters.map(() => []);
  model.matters.forEach((m, i) => {
    const hits = findHits(text, m.phrases, negations).sort((a, b) => b.weight - a.weight);
    const used: [number, number][] = [];
    for (const hit of hits) {
      const end = hit.index + hit.text.length;
      if (used.some(([s, e]) => hit.index < e && end > s)) continue;
      used.push([hit.index, end]);
      phraseScores[i]! += Math.pow(hit.weight, 1.2) * weightAt(end - 1);
      evidence[i]!.push(hit.text);
    }
  });

  // 2. Naive Bayes over weighted character bigrams.
  const logLik = new Float64Array(model.matters.length);
  const seen: { gram: string; weight: number }[] = [];
  for (const clause of clauses) {
    for (const gram of bigrams(text.slice(clause.start, clause.end))) {
      const row = model.logProb.get(gram);
      if (!row) continue; // words no matter uses say nothing
      seen.push({ gram, weight: clause.weight });
      for (let i = 0; i < row.length; i++) logLik[i]! += clause.weight * row[i]!;
    }
  }
  const posterior = softmax(logLik, 1);

  const scores = phraseScores.map(
    (s, i) => s + NB_WEIGHT * posterior[i]! * (seen.length > 0 ? 1 : 0),
  );
  const confidence = softmax(scores, TEMPERATURE);
  const order = [...scores.keys()].sort((a, b) => scores[b]! - scores[a]! || a - b);
  const recognised = phraseScores.some((s) => s >= 1.5);
  const candidates = order.slice(0, 3).map((i) => {
    const m = model.matters[i]!;
    const words =
      evidence[i]!.length > 0 ? evidence[i]! : telling(seen, model.logProb, i).slice(0, 3);
    return {
      matterTypeCode: m.code,
      name: m.name,
      leadUnitId: m.leadUnitId,
      confidence: Math.round(confidence[i]! * 1000) / 1000,
      evidence: words,
      phraseScore: Math.round(phraseScores[i]! * 100) / 100,
    };
  });
  return { candidates, recognised };
}

/** The bigrams of the text that speak most for matter i against the average matter. */
function telling(
  seen: readonly { gram: string; weight: number }[],
  logProb: ReadonlyMap<string, Float64Array>,
  i: number,
): string[] {
  const scored = seen.map(({ gram, weight }) => {
    const row = logProb.get(gram)!;
    const mean = row.reduce((a, b) => a + b, 0) / row.length;
    return { gram, lift: weight * (row[i]! - mean) };
  });
  return [
    ...new Set(
      scored
        .sort((a, b) => b.lift - a.lift)
        .filter((s) => s.lift > 0)
        .map((s) => s.gram),
    ),
  ];
}

function bigrams(text: string): string[] {
  const chars = [...text.replace(/[^\p{Script=Han}a-z]/gu, ' ')];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    if (chars[i] !== ' ' && chars[i + 1] !== ' ') out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

function softmax(values: Float64Array, temperature: number): Float64Array {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  const exps = values.map((v) => Math.exp((v - max) / temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** For unit tests and explanations: does this phrase pattern compile and match the text? */
export function phraseMatches(pattern: string, text: string): boolean {
  return findHits(text, [compilePattern(pattern)], []).length > 0;
}
