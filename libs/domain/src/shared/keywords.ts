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

/** The keywords (in the order given) with at least one non-negated occurrence in the text. */
export function matchKeywords(
  normalizedText: string,
  keywords: readonly string[],
  negationMarkers: readonly string[],
): string[] {
  return keywords.filter((keyword) =>
    hasAffirmedOccurrence(normalizedText, normalizeText(keyword), negationMarkers),
  );
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
  return matched.reduce((sum, keyword) => sum + [...keyword].length, 0);
}

/** Replaces each phrase with spaces of the same length, so it cannot match nor join neighbours. */
export function blankOut(normalizedText: string, phrases: readonly string[]): string {
  return phrases.reduce(
    (text, phrase) =>
      text.replaceAll(normalizeText(phrase), ' '.repeat(normalizeText(phrase).length)),
    normalizedText,
  );
}
