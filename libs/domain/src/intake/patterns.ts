/**
 * Gap-tolerant phrase patterns for Chinese speech. Callers do not say the catalogue's words in one
 * piece: "欠款不还" comes as "欠了我三万到现在都没还", "已起诉" as "已经去法院起诉了". A pattern is
 * literal text with two additions:
 *  - `…` (or `…{n}`): up to 8 (or n) characters of anything but a sentence end (。！？；);
 *  - `(甲|乙)`: one of the alternatives (`?` after the group makes it optional).
 * Everything else is matched literally. A match right after a negation ("没有起诉", "不是自杀") does
 * not count.
 */

export interface CompiledPattern {
  /** As written in the data, for explanations and audit. */
  readonly source: string;
  readonly regex: RegExp;
  /** Characters of literal text: longer patterns are more specific and weigh more. */
  readonly weight: number;
  /** One of these must occur for the pattern to match: a cheap test before the regex. */
  readonly anchors: readonly string[] | null;
}

export interface PatternHit {
  readonly pattern: string;
  /** The caller's words that matched. */
  readonly text: string;
  readonly index: number;
  readonly weight: number;
}

const DEFAULT_GAP = 8;
const SENTENCE_END = '。！？；!?;\\n';

export function compilePattern(source: string): CompiledPattern {
  let out = '';
  let literal = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '…') {
      const m = /^\{(\d+)\}/.exec(source.slice(i + 1));
      const gap = m ? Number(m[1]) : DEFAULT_GAP;
      if (m) i += m[0].length;
      out += `[^${SENTENCE_END}]{0,${gap}}?`;
    } else if (ch === '(' || ch === ')' || ch === '|' || ch === '?') {
      out += ch === '(' ? '(?:' : ch;
    } else {
      out += ch.replace(/[.*+^${}[\]\\/]/g, '\\$&');
      literal += 1;
    }
  }
  // Alternatives inflate the count: weigh by the shortest reading, roughly.
  const alternatives = (source.match(/\|/g) ?? []).length;
  const weight = Math.max(1, literal - alternatives * 2);
  return {
    source,
    regex: new RegExp(out, 'gu'),
    weight: Math.min(weight, literalLength(source)),
    anchors: anchorsOf(source),
  };
}

/** The literal text the pattern starts with (each alternative of a leading group), if any. */
function anchorsOf(source: string): string[] | null {
  const group = /^\(([^()]*)\)(\?)?/u.exec(source);
  if (group) {
    if (group[2]) return null;
    const alternatives = group[1]!.split('|');
    return alternatives.every((a) => a.length > 0 && !/[…?]/u.test(a)) ? alternatives : null;
  }
  const literal = /^[^…()|?]+/u.exec(source);
  return literal ? [literal[0]] : null;
}

/** Literal characters of the shortest path through the pattern. */
function literalLength(source: string): number {
  const withoutGroups = source.replace(/\(([^)]*)\)(\?)?/g, (_m, body: string, optional) =>
    optional ? '' : body.split('|').reduce((a, b) => (b.length < a.length ? b : a)),
  );
  return [...withoutGroups.replace(/…(\{\d+\})?/g, '')].length || 1;
}

export function compileAll(sources: readonly string[]): CompiledPattern[] {
  return sources.map(compilePattern);
}

/** Every un-negated match of the patterns in the text (normalised), at most one per pattern. */
export function findHits(
  text: string,
  patterns: readonly CompiledPattern[],
  negations: readonly string[],
): PatternHit[] {
  const hits: PatternHit[] = [];
  for (const p of patterns) {
    if (p.anchors && !p.anchors.some((a) => text.includes(a))) continue;
    p.regex.lastIndex = 0;
    for (let m = p.regex.exec(text); m; m = p.regex.exec(text)) {
      if (m[0].length === 0) {
        p.regex.lastIndex += 1;
        continue;
      }
      if (!negated(text, m.index, negations)) {
        hits.push({ pattern: p.source, text: m[0], index: m.index, weight: p.weight });
        break;
      }
    }
  }
  return hits;
}

export function anyHit(
  text: string,
  patterns: readonly CompiledPattern[],
  negations: readonly string[],
): PatternHit | null {
  return findHits(text, patterns, negations)[0] ?? null;
}

/** A negation marker right before the match, allowing one filler ("没有去起诉", "不是要自杀"). */
function negated(text: string, at: number, negations: readonly string[]): boolean {
  const before = text.slice(Math.max(0, at - 4), at);
  return negations.some((marker) => {
    const i = before.lastIndexOf(marker);
    return i >= 0 && before.length - (i + marker.length) <= 1;
  });
}
