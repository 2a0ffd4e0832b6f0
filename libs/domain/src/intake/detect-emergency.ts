/**
 * Emergency detection (紧急诉求识别), its own high-recall detector, independent of the matter type:
 * a risk to life or safety — suicide threats ("想不开", "今天就从这跳下去"), trapped people, gas,
 * fire, collapse ("路面陷下去一块"), live wires, violence in progress, a missing child or elder.
 * Recall first: a false alarm costs an operator a glance, a miss can cost a life. Two things switch
 * a hit off: the clause talks about what *might* happen ("万一着起火来"), or the caller says the
 * alarm was false ("刚才说着火了是骗你们的").
 */
import type { IntakePatternsFile } from './intake-data';
import { compileAll, type CompiledPattern, findHits } from './patterns';

export interface EmergencyFinding {
  readonly isEmergency: boolean;
  /** The caller's words that raised it. */
  readonly words: readonly string[];
  /** e.g. suicide, trapped, gas, fire, collapse, live_wire, violence, missing_person. */
  readonly kinds: readonly string[];
  /** In words for the operator ("自杀自伤风险：想不开"). */
  readonly explanation: string;
}

export interface EmergencyModel {
  readonly groups: readonly {
    readonly kind: string;
    readonly label: string;
    readonly patterns: readonly CompiledPattern[];
  }[];
  readonly hypothetical: readonly string[];
  readonly falseReport: readonly string[];
  /** Phrases that look like danger but are not (跳楼价). */
  readonly ignored: readonly string[];
}

export function buildEmergencyModel(
  patterns: IntakePatternsFile,
  ignoredPhrases: readonly string[],
): EmergencyModel {
  return {
    groups: patterns.emergency.map((g) => ({
      kind: g.kind,
      label: g.label,
      patterns: compileAll(g.patterns),
    })),
    hypothetical: patterns.hypothetical,
    falseReport: patterns.falseReport,
    ignored: ignoredPhrases,
  };
}

const SENTENCE = /[。！？!?；;\n]/u;
const CLAUSE = /[，,。！？!?；;\n]/u;

export function detectEmergency(
  normalizedText: string,
  model: EmergencyModel,
  negations: readonly string[],
): EmergencyFinding {
  let text = normalizedText;
  for (const phrase of model.ignored) text = text.replaceAll(phrase, ' '.repeat(phrase.length));
  if (model.falseReport.some((w) => text.includes(w))) {
    return { isEmergency: false, words: [], kinds: [], explanation: '来电人称所报险情不实' };
  }
  const words: string[] = [];
  const kinds: string[] = [];
  const labels: string[] = [];
  for (const group of model.groups) {
    for (const hit of findHits(text, group.patterns, negations)) {
      if (hypothetical(text, hit.index, model.hypothetical)) continue;
      words.push(hit.text);
      if (!kinds.includes(group.kind)) {
        kinds.push(group.kind);
        labels.push(`${group.label}：“${hit.text}”`);
      }
    }
  }
  const unique = [...new Set(words)];
  return {
    isEmergency: unique.length > 0,
    words: unique,
    kinds,
    explanation:
      unique.length > 0
        ? `紧急情形（${labels.join('；')}），按紧急诉求受理，15分钟内签收，必要时立即联动110/119/120`
        : '未发现危及生命安全的情形',
  };
}

/** The hit's clause (or, for a hedge word, the sentence before it) speaks of a possibility. */
function hypothetical(text: string, at: number, hedges: readonly string[]): boolean {
  let start = at;
  while (start > 0 && !CLAUSE.test(text[start - 1]!)) start--;
  let end = at;
  while (end < text.length && !SENTENCE.test(text[end]!)) end++;
  const clause = text.slice(start, end);
  const before = text.slice(start, at + 4);
  return hedges.some((h) => before.includes(h) || (h.length > 2 && clause.includes(h)));
}
