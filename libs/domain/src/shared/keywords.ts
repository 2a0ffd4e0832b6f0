/**
 * Text helpers shared by intake and the rules that read what callers and units write.
 * Matching itself lives in intake's gap-tolerant patterns (`intake/patterns.ts`).
 */

/** Full-width to half-width, no whitespace, lower case: "ＡＢＣ 停 水" → "abc停水". */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Counts letters, digits and CJK characters, ignoring punctuation and symbols. */
export function meaningfulLength(text: string): number {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
}
