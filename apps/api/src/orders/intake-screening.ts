import { type CreateOrderRequest, type ScreeningRequest } from '@hotline/contracts';
import {
  type CallerHistoryEntry,
  type CallScreening,
  type FilterDecision,
  type IntakeContext,
  type IntakeModel,
  moreUrgent,
  type ReferenceData,
  sampleIntakeModel,
  screenCall,
} from '@hotline/domain';
import { SEARCH_ATTRIBUTES } from '@hotline/temporal';
import type { OrderWorkflowInput, Screening } from '@hotline/workflows';
import type { SearchAttributePair } from '@temporalio/common';
import { type EntityManager } from 'typeorm';

/**
 * What the operator's console shows while a call is taken (POST /orders/screening) and what
 * POST /orders returns: the top-3 matter types with the words that decided, the place read from
 * the address and the content, the emergency flag with its words, the filter's outcome and
 * reason with its words, the caller's open orders compared, the urgency, and a knowledge-base
 * answer for consultations.
 */
export interface IntakeSuggestions {
  matter: {
    candidates: {
      matterTypeCode: string;
      name: string;
      leadUnitId: string | null;
      confidence: number;
      evidence: string[];
    }[];
  };
  place: {
    resolved?: PlaceSuggestion;
    candidates: PlaceSuggestion[];
    explanation: string;
  };
  emergency: { isEmergency: boolean; words: string[]; kinds: string[]; explanation: string };
  filter: {
    outcome: CallScreening['filter']['outcome'];
    reason?: string;
    ruleId: string;
    evidence: string[];
    explanation: string;
    guidanceForCaller?: string;
    intoOrderId?: string;
  };
  duplicates: {
    orderId: string;
    matterTypeCode: string | null;
    receivedAt: string;
    samePlace: boolean;
    sameMatter: boolean;
    refersBack: boolean;
    merge: boolean;
  }[];
  urgency: CallScreening['urgency'];
  knowledgeAnswer?: { entryId: string; question: string; answer: string };
}

interface PlaceSuggestion {
  streetId: string;
  communityId: string | null;
  gridId: string | null;
  label: string;
  confidence: number;
  words: string[];
  source: 'address' | 'content';
}

/** What intake tells the operator, and what it applied: the filter's words are always kept. */
export interface IntakeScreening {
  applied: Screening;
  /** The filter's suggestion in the decision form the rest of the API knows. */
  suggestion: FilterDecision;
  matterTypeCode: string | null;
  /** Top matter suggestion (kept for clients that read it before `suggestions` existed). */
  matterSuggestion: {
    kind: 'match' | 'none';
    matterTypeCode?: string;
    evidence: string[];
    explanation: string;
  };
  /** Street/community/grid recorded for the order: the operator's ids, else the resolved place. */
  place: { streetId?: string; communityId?: string; gridId?: string };
  /** The order's urgency: the operator's, raised to emergency when intake finds one. */
  urgency: CallScreening['urgency'];
  emergency: { isEmergency: boolean; kinds: string[] };
  suggestions: IntakeSuggestions;
}

const HISTORY_DAYS = 30;

/** The intake model (gazetteer, lexicon, trained n-gram model): built once per process. */
export function intakeModel(): IntakeModel {
  return sampleIntakeModel();
}

/** One of the caller's recent intakes, with its read model's status and address. */
export interface CallerHistoryRow {
  order_id: string;
  created_at: Date;
  matter_type_code: string | null;
  street_id: string | null;
  community_id: string | null;
  grid_id: string | null;
  screening_outcome: string | null;
  screening_reason: string | null;
  status: string | null;
  address: string | null;
}

/** The caller's intakes of the last HISTORY_DAYS before `$now`, newest first (`$callerKey`). */
export const CALLER_HISTORY_SQL = (callerKey: string, now: string) => `
    SELECT i.order_id, i.created_at, i.matter_type_code, i.street_id, i.community_id, i.grid_id,
           i.screening_outcome, i.screening_reason, v.status, v.address
      FROM order_intake i LEFT JOIN order_view v ON v.order_id = i.order_id
     WHERE i.caller_key = ${callerKey} AND i.created_at > ${now} - interval '${HISTORY_DAYS * 24} hours'
     ORDER BY i.created_at DESC LIMIT 200`;

/**
 * The caller's recent orders (found by the caller key, never by the phone): open ones with their
 * written address for duplicate and follow-up comparison, all of them for the history rules.
 */
export async function loadCallerContext(
  em: EntityManager,
  callerKey: string | null,
  now: Date,
): Promise<IntakeContext> {
  if (!callerKey) return { openOrders: [], callerHistory: [] };
  const rows: CallerHistoryRow[] = await em.query(CALLER_HISTORY_SQL('$1', '$2::timestamptz'), [
    callerKey,
    now,
  ]);
  return callerContextOf(rows);
}

/** The intake context from the caller's recent intakes (CALLER_HISTORY_SQL's rows). */
export function callerContextOf(rows: CallerHistoryRow[]): IntakeContext {
  const isOpen = (r: CallerHistoryRow) =>
    (r.screening_outcome ?? 'accept') === 'accept' && r.status !== 'closed';
  return {
    openOrders: rows.filter(isOpen).map((r) => ({
      orderId: r.order_id,
      matterTypeCode: r.matter_type_code,
      place: {
        streetId: r.street_id,
        communityId: r.community_id,
        gridId: r.grid_id,
        address: r.address,
      },
      receivedAt: r.created_at,
    })),
    callerHistory: rows.map((r): CallerHistoryEntry => ({
      orderId: r.order_id,
      receivedAt: r.created_at,
      matterTypeCode: r.matter_type_code,
      outcome: historyOutcome(r.screening_outcome, r.status),
      reason: (r.screening_reason as CallerHistoryEntry['reason']) ?? null,
    })),
  };
}

/** Screens a call (no recording): the suggestions of the live intake form. */
export function suggest(
  model: IntakeModel,
  request: ScreeningRequest | CreateOrderRequest,
  context: IntakeContext,
  now: Date,
): CallScreening {
  return screenCall(
    {
      content: request.content,
      address: request.address ?? null,
      category: request.category,
      streetId: request.streetId ?? null,
      communityId: request.communityId ?? null,
      gridId: request.gridId ?? null,
      matterTypeCode: request.matterTypeCode ?? null,
      receivedAt: now,
    },
    context,
    model,
  );
}

export function suggestionsOf(s: CallScreening): IntakeSuggestions {
  const place = (p: NonNullable<CallScreening['place']['resolved']>): PlaceSuggestion => ({
    streetId: p.streetId,
    communityId: p.communityId,
    gridId: p.gridId,
    label: p.label,
    confidence: p.confidence,
    words: [...p.words],
    source: p.source,
  });
  return {
    matter: {
      candidates: s.matter.candidates.map((c) => ({
        matterTypeCode: c.matterTypeCode,
        name: c.name,
        leadUnitId: c.leadUnitId,
        confidence: c.confidence,
        evidence: [...c.evidence],
      })),
    },
    place: {
      ...(s.place.resolved ? { resolved: place(s.place.resolved) } : {}),
      candidates: s.place.candidates.map(place),
      explanation: s.place.explanation,
    },
    emergency: {
      isEmergency: s.emergency.isEmergency,
      words: [...s.emergency.words],
      kinds: [...s.emergency.kinds],
      explanation: s.emergency.explanation,
    },
    filter: {
      outcome: s.filter.outcome,
      ...(s.filter.reason ? { reason: s.filter.reason } : {}),
      ruleId: s.filter.ruleId,
      evidence: [...s.filter.evidence],
      explanation: s.filter.explanation,
      ...(s.filter.guidanceForCaller ? { guidanceForCaller: s.filter.guidanceForCaller } : {}),
      ...(s.filter.intoOrderId ? { intoOrderId: s.filter.intoOrderId } : {}),
    },
    duplicates: s.duplicates.map((d) => ({ ...d })),
    urgency: s.urgency,
    ...(s.knowledgeAnswer ? { knowledgeAnswer: { ...s.knowledgeAnswer } } : {}),
  };
}

/**
 * Intake judgment for POST /orders, with the caller's recent orders as context. The operator's
 * own decision, when given, wins over the suggestion; both are recorded. Ids given by the operator
 * win over the place read from the text.
 */
export async function screenAtIntake(
  em: EntityManager,
  _ref: ReferenceData,
  request: CreateOrderRequest,
  callerKey: string,
  now: Date,
): Promise<IntakeScreening> {
  return screenInContext(request, await loadCallerContext(em, callerKey, now), now);
}

/** Screening as screenAtIntake, with the caller's context already read. */
export function screenInContext(
  request: CreateOrderRequest,
  context: IntakeContext,
  now: Date,
): IntakeScreening {
  const model = intakeModel();
  const s = suggest(model, request, context, now);
  const suggestion = decisionOf(s, model);
  const top = s.matter.candidates[0];
  return {
    applied: request.screening ?? screeningOf(suggestion),
    suggestion,
    matterTypeCode: s.matterTypeCode,
    matterSuggestion:
      s.matterTypeCode && top
        ? {
            kind: 'match',
            matterTypeCode: s.matterTypeCode,
            evidence: [...top.evidence],
            explanation: `依据“${top.evidence.join('”“')}”，建议事项 ${top.matterTypeCode} ${top.name}`,
          }
        : { kind: 'none', evidence: [], explanation: '未识别出事项，请话务员人工选择' },
    place: s.placeIds,
    // The operator's urgency stands, except that intake never lets an emergency go as less: a
    // risk to life, or a matter whose duty-list default is emergency. The matter's other default
    // (urgent) is a suggestion the console shows.
    urgency: s.urgency === 'emergency' ? moreUrgent(request.urgency, 'emergency') : request.urgency,
    emergency: { isEmergency: s.emergency.isEmergency, kinds: [...s.emergency.kinds] },
    suggestions: suggestionsOf(s),
  };
}

/** The order's workflow input: the recorded place and the intake's urgency and emergency flag. */
export function workflowInputOf(
  orderId: string,
  r: CreateOrderRequest,
  callerKey: string,
  receivedAt: Date,
  screening: IntakeScreening,
): OrderWorkflowInput {
  return {
    orderId,
    channel: r.channel,
    category: r.category,
    content: r.content,
    urgency: screening.urgency,
    ...(screening.matterTypeCode ? { matterTypeCode: screening.matterTypeCode } : {}),
    location: {
      address: r.address ?? '',
      ...(screening.place.streetId ? { streetId: screening.place.streetId } : {}),
      ...(screening.place.communityId ? { communityId: screening.place.communityId } : {}),
      ...(screening.place.gridId ? { gridId: screening.place.gridId } : {}),
    },
    ...(screening.emergency.isEmergency ? { emergency: { kinds: screening.emergency.kinds } } : {}),
    ...(r.takenBy ? { takenBy: r.takenBy } : {}),
    callerKey,
    receivedAt: receivedAt.toISOString(),
    screening: screening.applied,
  };
}

/** Search attributes set when the workflow starts: operators filter emergencies in the Temporal UI. */
export function startSearchAttributes(input: OrderWorkflowInput): SearchAttributePair[] {
  return [{ key: SEARCH_ATTRIBUTES.Emergency, value: Boolean(input.emergency) }];
}

/** The cluster does not know a search attribute (registered by the dev stack at its start). */
export function isUnknownSearchAttribute(err: unknown): boolean {
  return (
    err instanceof Error &&
    /search attribute/i.test(err.message) &&
    /not|unknown|invalid/i.test(err.message)
  );
}

function decisionOf(s: CallScreening, model: IntakeModel): FilterDecision {
  const f = s.filter;
  switch (f.outcome) {
    case 'accept':
      return {
        kind: 'accept',
        explanation: f.explanation,
        matterTypeCode: s.matterTypeCode,
        riskToLife: s.emergency.isEmergency,
      };
    case 'rejected':
      return {
        kind: 'reject',
        reason: f.reason!,
        ruleId: f.ruleId,
        explanation: f.explanation,
        guidanceForCaller: f.guidanceForCaller ?? '',
      };
    case 'merged':
      return { kind: 'merge', intoOrderId: f.intoOrderId!, explanation: f.explanation };
    case 'answered_directly': {
      const entry = model.ref.knowledgeBase.find((e) => e.id === s.knowledgeAnswer?.entryId)!;
      return { kind: 'answerDirectly', knowledgeBaseEntry: entry, explanation: f.explanation };
    }
  }
}

function screeningOf(d: FilterDecision): Screening {
  switch (d.kind) {
    case 'accept':
      return { outcome: 'accept' };
    case 'reject':
      return {
        outcome: 'rejected',
        reason: d.reason,
        explanation: `${d.explanation}。${d.guidanceForCaller}`,
        decidedBy: 'rules',
      };
    case 'merge':
      return {
        outcome: 'merged',
        intoOrderId: d.intoOrderId,
        explanation: d.explanation,
        decidedBy: 'rules',
      };
    case 'answerDirectly':
      return {
        outcome: 'answered_directly',
        explanation: `${d.explanation}：${d.knowledgeBaseEntry.answer}`,
        decidedBy: 'rules',
      };
  }
}

function historyOutcome(
  screening: string | null,
  status: string | null,
): CallerHistoryEntry['outcome'] {
  switch (screening) {
    case 'rejected':
      return 'rejected';
    case 'merged':
      return 'merged';
    case 'answered_directly':
      return 'answered';
    default:
      return status === 'closed' ? 'resolved' : 'open';
  }
}
