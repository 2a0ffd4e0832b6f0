/**
 * The filter (过滤网), decided at intake (docs/domain.md, step 2). It suggests; the operator
 * decides. Steps run in order and the first that applies wins:
 *  1. risk to life → accept at once (no rule may turn such a call away);
 *  2. abuse: insults, threats, test calls, or a run of rejected contacts (恶意重复来电);
 *  3. no actionable content (and no recognisable matter);
 *  4. legal process (涉法涉诉); 5. unlawful demand, incl. one already ruled unreasonable;
 *  6. outside public duty;
 *  7. no place, where the matter needs one (after 4–6: "private dispute" beats "where?");
 *  8. duplicate of the caller's open order → merge (并单);
 *  9. consultation answered by the knowledge base → answer directly (直接办结);
 * 10. otherwise accept.
 */
import { HOUR_MS } from '../calendar/shanghai-time';
import type { MatterType, ReferenceData, RejectReason } from '../reference/types';
import { classifyMatter } from '../routing/classify-matter';
import { blankOut, matchKeywords, meaningfulLength, normalizeText } from '../shared/keywords';
import { findDuplicate } from './duplicates';
import { matchKnowledge } from './knowledge';
import type { FilterContext, FilterDecision, IncomingOrder } from './types';

interface Facts {
  readonly order: IncomingOrder;
  readonly context: FilterContext;
  readonly ref: ReferenceData;
  readonly text: string;
  readonly matterTypeCode: string | null;
}

type Step = (facts: Facts) => FilterDecision | null;

export function filterOrder(
  order: IncomingOrder,
  context: FilterContext,
  ref: ReferenceData,
): FilterDecision {
  const text = normalizeText(order.content);
  const facts: Facts = { order, context, ref, text, matterTypeCode: matterOf(order, ref) };
  for (const step of STEPS) {
    const decision = step(facts);
    if (decision) return decision;
  }
  return accept(facts, false, '未命中过滤规则，正常受理');
}

function matterOf(order: IncomingOrder, ref: ReferenceData): string | null {
  if (order.matterTypeCode) return order.matterTypeCode;
  const suggestion = classifyMatter(order.content, ref);
  return suggestion.kind === 'match' ? suggestion.matterTypeCode : null;
}

const riskToLife: Step = (f) => {
  const { keywords, ignoredPhrases, explanation } = f.ref.filterRules.riskToLife;
  const text = blankOut(f.text, ignoredPhrases);
  const hits = matchKeywords(text, keywords, f.ref.filterRules.negationMarkers);
  return hits.length > 0 ? accept(f, true, `内容含“${hits[0]}”：${explanation}`) : null;
};

/** The first rule for the reason whose keywords hit and whose exceptions do not. */
const keywordRules =
  (reason: RejectReason): Step =>
  (f) => {
    const negations = f.ref.filterRules.negationMarkers;
    for (const rule of f.ref.filterRules.rules.filter((r) => r.reason === reason)) {
      const hits = matchKeywords(f.text, rule.keywords, negations);
      if (hits.length === 0 || matchKeywords(f.text, rule.unlessKeywords, negations).length > 0)
        continue;
      return reject(
        reason,
        rule.id,
        `内容含“${hits[0]}”：${rule.explanation}`,
        rule.guidanceForCaller,
      );
    }
    return null;
  };

const maliciousRepeat: Step = (f) => {
  const { rejectedContacts, withinHours } = f.ref.policy.maliciousRepeat;
  const since = f.order.receivedAt.getTime() - withinHours * HOUR_MS;
  const rejected = f.context.callerHistory.filter(
    (h) =>
      h.outcome === 'rejected' &&
      h.receivedAt.getTime() >= since &&
      h.receivedAt <= f.order.receivedAt,
  ).length;
  if (rejected < rejectedContacts) return null;
  return reject(
    'abusive',
    'ABU-REPEAT',
    `该来电人${withinHours}小时内已有${rejected}次来电被不予受理，属恶意重复来电`,
    f.ref.filterRules.maliciousRepeatGuidance,
  );
};

const insufficientContent: Step = (f) => {
  const rules = f.ref.filterRules.insufficientInformation;
  // Terse is fine when the matter is clear ("小区停水了"); short and unclear is not actionable.
  if (knownMatter(f) || meaningfulLength(f.text) >= rules.minContentChars) return null;
  return reject(
    'insufficient_information',
    'INSUFFICIENT-CONTENT',
    '诉求内容过短，无可办理的具体事项',
    rules.noContentGuidance,
  );
};

const insufficientPlace: Step = (f) => {
  const rules = f.ref.filterRules.insufficientInformation;
  const place = f.order.place;
  const hasPlace = Boolean(
    place && (place.gridId || place.communityId || place.streetId || place.address?.trim()),
  );
  if (
    hasPlace ||
    !rules.placeRequiredFor.includes(f.order.category) ||
    knownMatter(f)?.needsPlace === false
  ) {
    return null;
  }
  return reject(
    'insufficient_information',
    'INSUFFICIENT-PLACE',
    '未提供问题发生地点，无法确定属地承办单位',
    rules.noPlaceGuidance,
  );
};

function knownMatter(f: Facts): MatterType | undefined {
  return f.matterTypeCode ? f.ref.index.matterTypes.get(f.matterTypeCode) : undefined;
}

const ruledUnreasonableBefore: Step = (f) => {
  if (!f.matterTypeCode) return null;
  const earlier = f.context.callerHistory.find(
    (h) =>
      h.matterTypeCode === f.matterTypeCode &&
      (h.outcome === 'rejected' || h.outcome === 'terminated') &&
      h.reason === 'unlawful_demand',
  );
  if (!earlier) return null;
  return reject(
    'unlawful_demand',
    'UNL-REPEATED',
    `同一事项（${f.matterTypeCode}）已在工单 ${earlier.orderId} 中被认定为不合理诉求`,
    f.ref.filterRules.repeatedUnreasonableGuidance,
  );
};

const duplicateOfOpenOrder: Step = (f) => {
  const open = findDuplicate(f.order, f.matterTypeCode, f.context.openOrders, f.ref);
  if (!open) return null;
  const days = f.ref.policy.duplicate.windowDays;
  return {
    kind: 'merge',
    intoOrderId: open.orderId,
    explanation: `同一来电人${days}日内就同一事项（${f.matterTypeCode}）、同一地点已有在办工单 ${open.orderId}，建议并单`,
  };
};

const answerableConsultation: Step = (f) => {
  if (f.order.category !== 'consultation') return null;
  const match = matchKnowledge(f.text, f.ref);
  if (!match) return null;
  return {
    kind: 'answerDirectly',
    knowledgeBaseEntry: match.entry,
    explanation: `咨询内容命中知识库 ${match.entry.id}（“${match.matchedKeywords.join('”“')}”），可当场答复并直接办结`,
  };
};

const STEPS: readonly Step[] = [
  riskToLife,
  keywordRules('abusive'),
  maliciousRepeat,
  insufficientContent,
  keywordRules('in_legal_process'),
  keywordRules('unlawful_demand'),
  ruledUnreasonableBefore,
  keywordRules('outside_public_duty'),
  insufficientPlace,
  duplicateOfOpenOrder,
  answerableConsultation,
];

function accept(f: Facts, riskToLife: boolean, why: string): FilterDecision {
  const matter = knownMatter(f);
  const suffix = matter ? `；事项 ${matter.code} ${matter.name}` : '；未识别事项，请话务员选择';
  return {
    kind: 'accept',
    explanation: why + suffix,
    matterTypeCode: f.matterTypeCode,
    riskToLife,
  };
}

function reject(
  reason: RejectReason,
  ruleId: string,
  explanation: string,
  guidanceForCaller: string,
): FilterDecision {
  return { kind: 'reject', reason, ruleId, explanation, guidanceForCaller };
}
