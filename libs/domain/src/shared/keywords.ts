/**
 * Keyword matching for Chinese text, the basis of the filter, the knowledge base and matter
 * classification. Deliberately simple and explainable: substring hits, ignoring a hit that is
 * directly preceded by a negation ("没有停水" is not a water outage).
 */

/** Full-width to half-width, no whitespace, lower case: "ＡＢＣ 停 水" → "abc停水". */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Counts letters, digits and CJK characters, ignoring punctuation and symbols. */
export function meaningfulLength(text: string): number {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

/**
 * The keywords (in the order given) with at least one non-negated occurrence in the text.
 * A composite keyword `A+B` matches when every part occurs, un-negated, in one clause: callers
 * say "工地夜间22点后还在施工，噪音很大", not the catalogue's "施工噪音".
 */
export function matchKeywords(
  normalizedText: string,
  keywords: readonly string[],
  negationMarkers: readonly string[],
): string[] {
  return keywords.filter((keyword) =>
    keyword.includes('+')
      ? hasAffirmedCooccurrence(normalizedText, keyword, negationMarkers)
      : hasAffirmedOccurrence(normalizedText, normalizeText(keyword), negationMarkers),
  );
}

/** Sentence-level punctuation that ends a clause (commas do not: "夜间施工，噪音很大" is one complaint). */
const CLAUSE_END = /[。！？!?；;\n]/u;

function hasAffirmedCooccurrence(
  text: string,
  keyword: string,
  negations: readonly string[],
): boolean {
  const parts = keyword.split('+').map(normalizeText).filter(Boolean);
  return text
    .split(CLAUSE_END)
    .some((clause) => parts.every((part) => hasAffirmedOccurrence(clause, part, negations)));
}

function hasAffirmedOccurrence(
  text: string,
  keyword: string,
  negations: readonly string[],
): boolean {
  for (let at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
    const negated = negations.some(
      (marker) => text.slice(Math.max(0, at - marker.length), at) === marker,
    );
    if (!negated) return true;
  }
  return false;
}

/** Longer keywords are more specific, so they weigh more: "暖气跑水" beats "跑水". */
export function keywordScore(matched: readonly string[]): number {
  return matched.reduce((sum, keyword) => sum + [...keyword.replaceAll('+', '')].length, 0);
}

/** Replaces each phrase with spaces of the same length, so it cannot match nor join neighbours. */
export function blankOut(normalizedText: string, phrases: readonly string[]): string {
  return phrases.reduce(
    (text, phrase) =>
      text.replaceAll(normalizeText(phrase), ' '.repeat(normalizeText(phrase).length)),
    normalizedText,
  );
}
