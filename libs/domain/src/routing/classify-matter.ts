import type { MatterType, ReferenceData } from '../reference/types';
import { keywordScore, matchKeywords, normalizeText } from '../shared/keywords';

export type MatterSuggestion =
  | {
      readonly kind: 'match';
      readonly matterTypeCode: string;
      readonly matchedKeywords: readonly string[];
      readonly score: number;
      /** Other candidates, best first, so the operator can pick one with a click. */
      readonly alternatives: readonly { readonly matterTypeCode: string; readonly score: number }[];
      readonly explanation: string;
    }
  | { readonly kind: 'none'; readonly explanation: string };

interface Candidate {
  readonly matter: MatterType;
  readonly matched: readonly string[];
  readonly score: number;
}

/**
 * Suggests the matter type of a request from the duty list's keywords: the matter whose matched
 * keywords are longest in total wins; ties go to more keywords, then to the lower code, so the
 * result is deterministic. A suggestion only: the operator confirms.
 */
export function classifyMatter(text: string, ref: ReferenceData): MatterSuggestion {
  const normalized = normalizeText(text);
  const negations = ref.filterRules.negationMarkers;
  const candidates: Candidate[] = ref.matterTypes
    .map((matter) => {
      const matched = matchKeywords(normalized, matter.keywords, negations);
      return { matter, matched, score: keywordScore(matched) };
    })
    .filter((c) => c.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.matched.length - a.matched.length ||
        a.matter.code.localeCompare(b.matter.code),
    );
  const [best, ...rest] = candidates;
  if (!best)
    return { kind: 'none', explanation: '未命中职责清单中任何事项的关键词，请话务员人工选择事项' };
  const tie =
    rest[0]?.score === best.score ? `；与 ${rest[0].matter.code} 得分相同，请人工确认` : '';
  return {
    kind: 'match',
    matterTypeCode: best.matter.code,
    matchedKeywords: best.matched,
    score: best.score,
    alternatives: rest.slice(0, 3).map((c) => ({ matterTypeCode: c.matter.code, score: c.score })),
    explanation: `命中关键词“${best.matched.join('”“')}”，建议事项 ${best.matter.code} ${best.matter.name}${tie}`,
  };
}
