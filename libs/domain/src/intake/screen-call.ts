/**
 * Intake judgment (受理研判) for one call: place, matter, emergency, filter reason, duplicates and
 * urgency, each with the words that decided it. Suggestions only — the operator confirms — but an
 * operator taking 300 calls a day relies on them, so each step reads meaning rather than exact
 * keywords. Order of the filter (first that applies wins):
 *  1. emergency → accept at once; no rule may turn it away, not even for a missing place;
 *  2. malicious repeated calls; 3. abuse (threats, pranks, harassment; insults only when the call
 *     has no real complaint — profanity inside a complaint is not abuse);
 *  4. legal process (涉法涉诉); 5. unlawful demand (incl. one already ruled unreasonable);
 *  6. private or commercial dispute / outside public duty;
 *  7. follow-up or duplicate of the caller's open order → merge (并单);
 *  8. consultation answered by the knowledge base;
 *  9. nothing recognisable (no object, no matter, no place) → insufficient information;
 * 10. no place where the matter needs one → insufficient information; 11. accept.
 */
import { DAY_MS, HOUR_MS } from '../calendar/shanghai-time';
import type { CallerHistoryEntry, OrderPlace } from '../filter/types';
import type {
  KnowledgeEntry,
  MatterType,
  ReferenceData,
  RejectReason,
  RequestCategory,
  Urgency,
} from '../reference/types';
import { routeOrder } from '../routing/route-order';
import { normalizeText } from '../shared/keywords';
import {
  buildMatterModel,
  classifyCall,
  type MatterCandidate,
  type MatterModel,
} from './classify-call';
import {
  buildEmergencyModel,
  detectEmergency,
  type EmergencyFinding,
  type EmergencyModel,
} from './detect-emergency';
import type { IntakeFiles } from './intake-data';
import {
  compileAll,
  compilePattern,
  type CompiledPattern,
  findHits,
  type PatternHit,
} from './patterns';
import {
  buildGazetteer,
  type Gazetteer,
  type PlaceCandidate,
  resolvePlaceText,
} from './resolve-place';

export interface IntakeModel {
  readonly ref: ReferenceData;
  readonly gazetteer: Gazetteer;
  readonly matter: MatterModel;
  readonly emergency: EmergencyModel;
  readonly negations: readonly string[];
  readonly rules: {
    readonly legal: readonly CompiledPattern[];
    readonly legalIntentions: readonly string[];
    readonly privateDispute: readonly CompiledPattern[];
    readonly privateUnless: readonly string[];
    readonly unlawful: readonly CompiledPattern[];
    readonly insults: readonly CompiledPattern[];
    readonly threats: readonly CompiledPattern[];
    readonly pranks: readonly CompiledPattern[];
    readonly harassment: readonly CompiledPattern[];
    readonly referBack: readonly CompiledPattern[];
    readonly newIssue: readonly CompiledPattern[];
    readonly knowledge: readonly { entry: KnowledgeEntry; patterns: CompiledPattern[] }[];
  };
  readonly versions: Readonly<Record<'gazetteer' | 'lexicon' | 'patterns', string>>;
}

export function buildIntakeModel(ref: ReferenceData, files: IntakeFiles): IntakeModel {
  const p = files.patterns;
  return {
    ref,
    gazetteer: buildGazetteer(files.gazetteer, ref),
    matter: buildMatterModel(ref, files.lexicon, p),
    emergency: buildEmergencyModel(p, [
      ...ref.filterRules.riskToLife.ignoredPhrases,
      ...p.notEmergency,
    ]),
    negations: ref.filterRules.negationMarkers,
    rules: {
      legal: compileAll(p.legalProcess.patterns),
      legalIntentions: p.legalProcess.intentions,
      privateDispute: compileAll([
        ...p.privateDispute.patterns,
        ...ref.filterRules.rules
          .filter((r) => r.reason === 'outside_public_duty')
          .flatMap((r) => r.keywords),
      ]),
      privateUnless: p.privateDispute.unless,
      unlawful: compileAll([
        ...p.unlawfulDemand.patterns,
        ...ref.filterRules.rules
          .filter((r) => r.reason === 'unlawful_demand')
          .flatMap((r) => r.keywords),
      ]),
      insults: compileAll(p.abuse.insults),
      threats: compileAll(p.abuse.threats),
      pranks: compileAll(p.abuse.pranks),
      harassment: compileAll(p.abuse.harassment),
      referBack: compileAll(p.referBack),
      newIssue: compileAll(p.newIssue),
      knowledge: ref.knowledgeBase.map((entry) => ({
        entry,
        patterns: entry.keywords.map((k) => compilePattern(gapped(normalizeText(k)))),
      })),
    },
    versions: {
      gazetteer: files.gazetteer.version,
      lexicon: files.lexicon.version,
      patterns: p.version,
    },
  };
}

/** "几号供暖" also matches "几号开始供暖": a short gap between the halves of a longer keyword. */
function gapped(keyword: string): string {
  const chars = [...keyword];
  if (chars.length < 4) return keyword;
  const half = Math.floor(chars.length / 2);
  return `${chars.slice(0, half).join('')}…{4}${chars.slice(half).join('')}`;
}

export interface CallToScreen {
  readonly content: string;
  readonly address?: string | null;
  readonly category: RequestCategory;
  /** Ids chosen by the operator win over what the text says. */
  readonly streetId?: string | null;
  readonly communityId?: string | null;
  readonly gridId?: string | null;
  /** The operator's matter, when recorded: it wins over the suggestion. */
  readonly matterTypeCode?: string | null;
  readonly receivedAt: Date;
}

export interface OpenOrderAtIntake {
  readonly orderId: string;
  readonly matterTypeCode: string | null;
  readonly place: OrderPlace | null;
  readonly receivedAt: Date;
}

export interface IntakeContext {
  /** The same caller's open orders (found by caller key, never by phone). */
  readonly openOrders: readonly OpenOrderAtIntake[];
  readonly callerHistory: readonly CallerHistoryEntry[];
}

export type FilterOutcome = 'accept' | 'rejected' | 'merged' | 'answered_directly';

export interface DuplicateCandidate {
  readonly orderId: string;
  readonly matterTypeCode: string | null;
  readonly receivedAt: string;
  readonly samePlace: boolean;
  readonly sameMatter: boolean;
  readonly refersBack: boolean;
  /** True for the order this call merges into. */
  readonly merge: boolean;
}

export interface CallScreening {
  readonly matter: {
    readonly candidates: readonly MatterCandidate[];
    readonly recognised: boolean;
  };
  readonly place: {
    readonly resolved?: PlaceCandidate;
    readonly candidates: readonly PlaceCandidate[];
    readonly explanation: string;
  };
  readonly emergency: {
    readonly isEmergency: boolean;
    readonly words: readonly string[];
    readonly kinds: readonly string[];
    readonly explanation: string;
  };
  readonly filter: {
    readonly outcome: FilterOutcome;
    readonly reason?: RejectReason;
    readonly ruleId: string;
    readonly evidence: readonly string[];
    readonly explanation: string;
    readonly guidanceForCaller?: string;
    readonly intoOrderId?: string;
  };
  readonly duplicates: readonly DuplicateCandidate[];
  readonly urgency: Urgency;
  readonly knowledgeAnswer?: {
    readonly entryId: string;
    readonly question: string;
    readonly answer: string;
  };
  /** The matter intake will record: the operator's, else the top suggestion when recognised. */
  readonly matterTypeCode: string | null;
  /** The place intake will record: the operator's ids, else the resolved place. */
  readonly placeIds: { streetId?: string; communityId?: string; gridId?: string };
  /** Lead unit by the duty list for (matter, place), when accepted. */
  readonly leadUnitId: string | null;
}

const URGENCY_RANK: Record<Urgency, number> = { normal: 0, urgent: 1, emergency: 2 };

export function screenCall(
  call: CallToScreen,
  context: IntakeContext,
  model: IntakeModel,
): CallScreening {
  const { ref, negations } = model;
  const text = normalizeText(call.content);
  const place = resolvePlaceText(call.address, call.content, model.gazetteer);
  // Place words are replaced by a neutral word of their kind before classifying.
  let forMatter = text;
  for (const span of [...place.contentSpans].sort((a, b) => b.start - a.start)) {
    forMatter = forMatter.slice(0, span.start) + span.genericWord + forMatter.slice(span.end);
  }
  const matter = classifyCall(forMatter, model.matter, negations);
  const emergency = detectEmergency(text, model.emergency, negations);
  const top = matter.candidates[0];
  const operatorMatter = call.matterTypeCode
    ? ref.index.matterTypes.get(call.matterTypeCode)
    : undefined;
  const suggested = top && (matter.recognised || emergency.isEmergency) ? top.matterTypeCode : null;
  const matterTypeCode = operatorMatter?.code ?? suggested;
  const chosen = matterTypeCode ? ref.index.matterTypes.get(matterTypeCode) : undefined;

  const placeIds = placeIdsOf(call, place.resolved);
  const hasPlace = Boolean(
    placeIds.streetId ||
    placeIds.communityId ||
    placeIds.gridId ||
    call.address?.trim() ||
    place.candidates.length > 0,
  );
  const facts: Facts = {
    call,
    context,
    model,
    text,
    matter,
    chosen,
    emergency,
    placeIds,
    hasPlace,
    place: place.resolved,
  };
  const duplicates = compareOpenOrders(facts);
  const filter = decide(facts, duplicates);

  const urgency: Urgency = emergency.isEmergency
    ? 'emergency'
    : filter.outcome === 'accept' && chosen
      ? chosen.defaultUrgency
      : 'normal';
  let leadUnitId: string | null = null;
  if (filter.outcome === 'accept' && chosen) {
    const route = routeOrder({ matterTypeCode: chosen.code, ...placeIds }, ref);
    leadUnitId = route.kind === 'dispatch' ? route.leadUnitId : null;
  }
  const kb = filter.outcome === 'answered_directly' ? knowledgeOf(facts) : null;
  // Each candidate's lead unit by the duty list for this place (the street, or the department).
  const candidates = matter.candidates.map((c) => {
    const route = routeOrder({ matterTypeCode: c.matterTypeCode, ...placeIds }, ref);
    return { ...c, leadUnitId: route.kind === 'dispatch' ? route.leadUnitId : c.leadUnitId };
  });
  return {
    matter: { candidates, recognised: matter.recognised },
    place: {
      ...(place.resolved ? { resolved: place.resolved } : {}),
      candidates: place.candidates,
      explanation: place.explanation,
    },
    emergency: {
      isEmergency: emergency.isEmergency,
      words: emergency.words,
      kinds: emergency.kinds,
      explanation: emergency.explanation,
    },
    filter,
    duplicates: duplicates.map((d) => ({ ...d, merge: d.orderId === filter.intoOrderId })),
    urgency,
    ...(kb
      ? {
          knowledgeAnswer: {
            entryId: kb.entry.id,
            question: kb.entry.question,
            answer: kb.entry.answer,
          },
        }
      : {}),
    matterTypeCode,
    placeIds,
    leadUnitId,
  };
}

/** Urgency the order gets: the more urgent of the operator's and the suggestion. */
export function moreUrgent(a: Urgency, b: Urgency): Urgency {
  return URGENCY_RANK[a] >= URGENCY_RANK[b] ? a : b;
}

interface Facts {
  readonly call: CallToScreen;
  readonly context: IntakeContext;
  readonly model: IntakeModel;
  readonly text: string;
  readonly matter: {
    readonly candidates: readonly MatterCandidate[];
    readonly recognised: boolean;
  };
  readonly chosen: MatterType | undefined;
  readonly emergency: EmergencyFinding;
  readonly placeIds: CallScreening['placeIds'];
  readonly hasPlace: boolean;
  readonly place: PlaceCandidate | null;
}

function placeIdsOf(
  call: CallToScreen,
  resolved: PlaceCandidate | null,
): CallScreening['placeIds'] {
  if (call.gridId || call.communityId || call.streetId) {
    return {
      ...(call.streetId ? { streetId: call.streetId } : {}),
      ...(call.communityId ? { communityId: call.communityId } : {}),
      ...(call.gridId ? { gridId: call.gridId } : {}),
    };
  }
  if (!resolved) return {};
  return {
    streetId: resolved.streetId,
    ...(resolved.communityId ? { communityId: resolved.communityId } : {}),
    ...(resolved.gridId ? { gridId: resolved.gridId } : {}),
  };
}

type Filter = CallScreening['filter'];

function decide(
  f: Facts,
  duplicates: readonly (Omit<DuplicateCandidate, 'merge'> & { mergeable: boolean })[],
): Filter {
  const { ref, rules, negations } = f.model;
  if (f.emergency.isEmergency) {
    return {
      outcome: 'accept',
      ruleId: 'EMERGENCY',
      evidence: f.emergency.words,
      explanation: f.emergency.explanation,
    };
  }
  const repeat = maliciousRepeat(f);
  if (repeat) return repeat;
  const falseReport = f.model.emergency.falseReport.filter((w) => f.text.includes(w));
  if (falseReport.length > 0) {
    // A caller who says the alarm was false (谎报) is abusive, whatever matter the words name.
    return reject(
      'abusive',
      'ABU-FALSE-REPORT',
      falseReport,
      '来电人自称所报情况不实，属谎报',
      ref.filterRules.rules.find((r) => r.id === 'ABU-TEST')?.guidanceForCaller ??
        '请如实反映诉求。',
    );
  }

  const phraseStrength = f.matter.candidates[0]?.phraseScore ?? 0;
  const realComplaint = f.matter.recognised && phraseStrength >= 2;
  const hits = (patterns: readonly CompiledPattern[]) => findHits(f.text, patterns, negations);
  const abuse = hits(rules.threats).concat(hits(rules.pranks), hits(rules.harassment));
  const insults = hits(rules.insults);
  if (
    (abuse.length > 0 && !realComplaint) ||
    (insults.length > 0 && !f.matter.recognised && !f.place)
  ) {
    const rule = ref.filterRules.rules.find(
      (r) => r.id === (abuse.length > 0 ? 'ABU-TEST' : 'ABU-INSULT'),
    );
    const words = [...abuse, ...insults].map((h) => h.text);
    return reject(
      'abusive',
      abuse.length > 0 ? 'ABU-CONDUCT' : 'ABU-INSULT',
      words,
      abuse.length > 0
        ? '来电无实际诉求，属测试、恶作剧、骚扰或威胁'
        : '来电辱骂工作人员，无实际诉求',
      rule?.guidanceForCaller ?? '请文明表达诉求。',
    );
  }

  const legal = hits(rules.legal);
  const intends = rules.legalIntentions.some((w) => f.text.includes(w));
  if (legal.length > 0 && !intends) return fromRule(f, 'in_legal_process', 'LEG-PROCESS', legal);

  const unlawful = hits(rules.unlawful);
  if (unlawful.length > 0) return fromRule(f, 'unlawful_demand', 'UNL-DEMAND', unlawful);
  const ruled = ruledUnreasonableBefore(f);
  if (ruled) return ruled;

  const privateHits = hits(rules.privateDispute);
  const publicSide = rules.privateUnless.filter((w) => f.text.includes(w));
  if (privateHits.length > 0 && publicSide.length === 0)
    return fromRule(f, 'outside_public_duty', 'OUT-PRIVATE', privateHits);

  const merge = duplicates.find((d) => d.mergeable);
  if (merge) {
    const why = [
      merge.refersBack ? '来电回指此前诉求' : '',
      merge.sameMatter ? '事项相同' : '',
      merge.samePlace ? '地点相同' : '',
    ]
      .filter(Boolean)
      .join('、');
    return {
      outcome: 'merged',
      ruleId: 'DUPLICATE',
      intoOrderId: merge.orderId,
      evidence: hits(rules.referBack).map((h) => h.text),
      explanation: `同一来电人${ref.policy.duplicate.windowDays}天内的在办工单 ${merge.orderId}（${why}），并入该工单办理`,
    };
  }

  if (f.call.category === 'consultation') {
    const kb = knowledgeOf(f);
    if (kb)
      return {
        outcome: 'answered_directly',
        ruleId: 'KNOWLEDGE-BASE',
        evidence: kb.words,
        explanation: `咨询类诉求，知识库“${kb.entry.question}”可直接答复`,
      };
  }

  const insufficient = ref.filterRules.insufficientInformation;
  if (!f.matter.recognised && !f.hasPlace && !f.chosen) {
    return reject(
      'insufficient_information',
      'INSUFFICIENT-CONTENT',
      [],
      '未能识别出具体的事项或对象，也没有地点，无可办理的内容',
      insufficient.noContentGuidance,
    );
  }
  if (
    !f.hasPlace &&
    insufficient.placeRequiredFor.includes(f.call.category) &&
    f.chosen?.needsPlace !== false
  ) {
    return reject(
      'insufficient_information',
      'INSUFFICIENT-PLACE',
      [],
      '未提供问题发生地点，无法确定属地承办单位',
      insufficient.noPlaceGuidance,
    );
  }
  const top = f.matter.candidates[0];
  return {
    outcome: 'accept',
    ruleId: 'ACCEPT',
    evidence: top && f.chosen?.code === top.matterTypeCode ? top.evidence : [],
    explanation: f.chosen
      ? `正常受理；事项 ${f.chosen.code} ${f.chosen.name}`
      : '正常受理；未识别事项，请话务员选择',
  };
}

function fromRule(
  f: Facts,
  reason: RejectReason,
  fallbackId: string,
  hits: readonly PatternHit[],
): Filter {
  const rule = f.model.ref.filterRules.rules.find((r) => r.reason === reason);
  return reject(
    reason,
    rule?.id ?? fallbackId,
    hits.map((h) => h.text),
    rule?.explanation ?? reason,
    rule?.guidanceForCaller ?? '',
  );
}

function reject(
  reason: RejectReason,
  ruleId: string,
  evidence: readonly string[],
  why: string,
  guidance: string,
): Filter {
  const words = [...new Set(evidence)];
  return {
    outcome: 'rejected',
    reason,
    ruleId,
    evidence: words,
    explanation: words.length > 0 ? `内容含“${words.join('”“')}”：${why}` : why,
    guidanceForCaller: guidance,
  };
}

function maliciousRepeat(f: Facts): Filter | null {
  const { rejectedContacts, withinHours } = f.model.ref.policy.maliciousRepeat;
  const since = f.call.receivedAt.getTime() - withinHours * HOUR_MS;
  const rejected = f.context.callerHistory.filter(
    (h) =>
      h.outcome === 'rejected' &&
      h.receivedAt.getTime() >= since &&
      h.receivedAt <= f.call.receivedAt,
  ).length;
  if (rejected < rejectedContacts) return null;
  return reject(
    'abusive',
    'ABU-REPEAT',
    [],
    `该来电人${withinHours}小时内已有${rejected}次来电被不予受理，属恶意重复来电`,
    f.model.ref.filterRules.maliciousRepeatGuidance,
  );
}

function ruledUnreasonableBefore(f: Facts): Filter | null {
  const code = f.chosen?.code;
  if (!code) return null;
  const earlier = f.context.callerHistory.find(
    (h) =>
      h.matterTypeCode === code &&
      (h.outcome === 'rejected' || h.outcome === 'terminated') &&
      h.reason === 'unlawful_demand',
  );
  if (!earlier) return null;
  return reject(
    'unlawful_demand',
    'UNL-REPEAT',
    [],
    `同一事项此前已认定为不合理诉求（工单 ${earlier.orderId}）`,
    f.model.ref.filterRules.repeatedUnreasonableGuidance,
  );
}

function knowledgeOf(f: Facts): { entry: KnowledgeEntry; words: string[] } | null {
  let best: { entry: KnowledgeEntry; words: string[]; score: number } | null = null;
  for (const { entry, patterns } of f.model.rules.knowledge) {
    const hits = findHits(f.text, patterns, f.model.negations);
    const score = hits.reduce((s, h) => s + h.weight, 0);
    if (score > (best?.score ?? 0)) best = { entry, words: hits.map((h) => h.text), score };
  }
  return best;
}

/**
 * The caller's open orders within the duplicate window, compared with this call: same place
 * (grid, community, or the written address), same matter, and whether the caller points back
 * ("之前反映过的", "又是那家饭馆"). Merge when the matter and place agree, or when the caller points
 * back and neither a different place nor a clearly different matter speaks against it.
 */
function compareOpenOrders(
  f: Facts,
): (Omit<DuplicateCandidate, 'merge'> & { mergeable: boolean })[] {
  if (f.emergency.isEmergency) return [];
  const windowMs = f.model.ref.policy.duplicate.windowDays * DAY_MS;
  const refersBack =
    findHits(f.text, f.model.rules.referBack, []).length > 0 &&
    findHits(f.text, f.model.rules.newIssue, []).length === 0;
  const top = f.matter.candidates[0];
  const strongOther = (code: string | null) =>
    Boolean(top && f.matter.recognised && top.phraseScore >= 2 && top.matterTypeCode !== code);
  const address = f.call.address ? normalizeText(f.call.address) : '';
  return [...f.context.openOrders]
    .filter((o) => {
      const age = f.call.receivedAt.getTime() - o.receivedAt.getTime();
      return age >= 0 && age <= windowMs;
    })
    .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())
    .map((o) => {
      const samePlace = placesAgree(f, o.place, address);
      const placeGiven = Boolean(
        f.place || f.placeIds.communityId || f.placeIds.gridId || f.placeIds.streetId,
      );
      const sameMatter = Boolean(f.chosen && o.matterTypeCode === f.chosen.code);
      const mergeable =
        (sameMatter && samePlace) ||
        (refersBack && (samePlace || !placeGiven) && !strongOther(o.matterTypeCode));
      return {
        orderId: o.orderId,
        matterTypeCode: o.matterTypeCode,
        receivedAt: o.receivedAt.toISOString(),
        samePlace,
        sameMatter,
        refersBack,
        mergeable,
      };
    });
}

function placesAgree(f: Facts, open: OrderPlace | null, address: string): boolean {
  if (!open) return false;
  const mine = f.placeIds;
  if (address && open.address && normalizeText(open.address) === address) return true;
  if (mine.gridId && open.gridId) return mine.gridId === open.gridId;
  const { grids } = f.model.ref.index;
  const community = (p: { communityId?: string | null; gridId?: string | null }) =>
    p.communityId ?? (p.gridId ? grids.get(p.gridId)?.communityId : undefined);
  const a = community(mine);
  const b = community(open);
  return Boolean(a && b && a === b);
}
