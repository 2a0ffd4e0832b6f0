import type { KnowledgeEntry, ReferenceData } from '../reference/types';
import { keywordScore, matchKeywords } from '../shared/keywords';

export interface KnowledgeMatch {
  readonly entry: KnowledgeEntry;
  readonly matchedKeywords: readonly string[];
}

/** The knowledge-base entry whose keywords best match the (normalised) text, if any matches. */
export function matchKnowledge(normalizedText: string, ref: ReferenceData): KnowledgeMatch | null {
  let best: KnowledgeMatch | null = null;
  let bestScore = 0;
  for (const entry of ref.knowledgeBase) {
    const matched = matchKeywords(normalizedText, entry.keywords, ref.filterRules.negationMarkers);
    const score = keywordScore(matched);
    if (score > bestScore) {
      best = { entry, matchedKeywords: matched };
      bestScore = score;
    }
  }
  return best;
}
