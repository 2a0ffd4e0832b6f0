import { type CreateOrderRequest } from '@hotline/contracts';
import {
  type CallerHistoryEntry,
  classifyMatter,
  type FilterDecision,
  filterOrder,
  type OpenOrderSummary,
  type ReferenceData,
} from '@hotline/domain';
import type { Screening } from '@hotline/workflows';
import { type EntityManager } from 'typeorm';

/** What intake tells the operator, and what it applied: the filter's words are always kept. */
export interface IntakeScreening {
  applied: Screening;
  suggestion: FilterDecision;
  matterTypeCode: string | null;
  matterSuggestion: ReturnType<typeof classifyMatter>;
}

const HISTORY_DAYS = 30;

/**
 * Runs the filter (过滤网) of libs/domain over a new call, with the caller's recent orders as
 * context (found by the caller key, never by the phone). The operator's own decision, when given,
 * wins over the rules' suggestion; both are recorded.
 */
export async function screenAtIntake(
  em: EntityManager,
  ref: ReferenceData,
  request: CreateOrderRequest,
  callerKey: string,
  now: Date,
): Promise<IntakeScreening> {
  const matterSuggestion = classifyMatter(request.content, ref);
  const matterTypeCode =
    request.matterTypeCode ??
    (matterSuggestion.kind === 'match' ? matterSuggestion.matterTypeCode : null);
  const rows: {
    order_id: string;
    created_at: Date;
    matter_type_code: string | null;
    street_id: string | null;
    community_id: string | null;
    grid_id: string | null;
    screening_outcome: string | null;
    screening_reason: string | null;
    status: string | null;
  }[] = await em.query(
    `SELECT i.order_id, i.created_at, i.matter_type_code, i.street_id, i.community_id, i.grid_id,
            i.screening_outcome, i.screening_reason, v.status
       FROM order_intake i LEFT JOIN order_view v ON v.order_id = i.order_id
      WHERE i.caller_key = $1 AND i.created_at > $2
      ORDER BY i.created_at DESC LIMIT 200`,
    [callerKey, new Date(now.getTime() - HISTORY_DAYS * 86_400_000)],
  );
  const place = (r: (typeof rows)[number]) => ({
    streetId: r.street_id,
    communityId: r.community_id,
    gridId: r.grid_id,
  });
  const isOpen = (r: (typeof rows)[number]) =>
    (r.screening_outcome ?? 'accept') === 'accept' && r.status !== 'closed';
  const openOrders: OpenOrderSummary[] = rows.filter(isOpen).map((r) => ({
    orderId: r.order_id,
    callerKey,
    matterTypeCode: r.matter_type_code,
    place: place(r),
    receivedAt: r.created_at,
  }));
  const callerHistory: CallerHistoryEntry[] = rows.map((r) => ({
    orderId: r.order_id,
    receivedAt: r.created_at,
    matterTypeCode: r.matter_type_code,
    outcome: historyOutcome(r.screening_outcome, r.status),
    reason: (r.screening_reason as CallerHistoryEntry['reason']) ?? null,
  }));

  const suggestion = filterOrder(
    {
      callerKey,
      category: request.category,
      content: request.content,
      place: {
        address: request.address,
        streetId: request.streetId ?? null,
        communityId: request.communityId ?? null,
        gridId: request.gridId ?? null,
      },
      matterTypeCode,
      receivedAt: now,
    },
    { openOrders, callerHistory },
    ref,
  );
  return {
    applied: request.screening ?? screeningOf(suggestion),
    suggestion,
    matterTypeCode,
    matterSuggestion,
  };
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
