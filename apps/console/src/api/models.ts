import type { paths } from '../generated/api-schema';

/**
 * Response shapes. Where the OpenAPI document describes a response (the read models under
 * /views), the type is taken from the generated schema; the live routes (/orders/:id, the order
 * and whistle actions) answer with the workflow's state, which the document does not describe —
 * their fields the console reads are listed here, and nothing else.
 */
type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

/** The document lists no required fields: every field the read models write is present. */
type Present<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };
type ItemOf<P> = P extends { items?: (infer I)[] } ? Present<I> : never;

export type InboxPage = Json<'/views/units/{unitId}/inbox', 'get'>;
export type InboxItem = ItemOf<InboxPage>;
export type SlaBoardPage = Json<'/views/sla-board', 'get'>;
export type SlaItem = ItemOf<SlaBoardPage>;
export type OrderViewPage = Json<'/views/orders', 'get'>;
export type OrderView = ItemOf<OrderViewPage>;
export type CityRanking = Json<'/views/scores/rankings', 'get'>;
export type CityRankedEntry = Present<
  NonNullable<NonNullable<CityRanking['groups']>['streets']>[number]
>;
export type PowerUsage = Json<'/views/enforcement-powers/usage', 'get'>;

/** GET /views/scores/push-downs (the document describes no response): 自上而下派回街道 by district. */
export interface PushDowns {
  month: string;
  districts: { districtId: string | null; orders: number; pushDowns: number; flagged: number }[];
}
export type ScoresPage = Json<'/views/scores', 'get'>;
export type HotspotsPage = Json<'/views/hotspots', 'get'>;
export type MonthlyTopics = Json<'/views/monthly-topics', 'get'>;
export type WhistleBoardPage = Json<'/views/whistles', 'get'>;
export type WhistleBoardItem = ItemOf<WhistleBoardPage>;
export type WhistleBoardDetail = Json<'/views/whistles/{whistleId}', 'get'>;
export type OrderTimeline = Json<'/views/orders/{orderId}/timeline', 'get'>;

export type CreateOrderBody = NonNullable<
  paths['/orders']['post']['requestBody']
>['content']['application/json'];

export interface Deadlines {
  dispatchBy?: string;
  acknowledgeBy?: string;
  returnBy?: string;
  respondBy?: string;
  handleBy?: string;
  callbackDueAt?: string;
}

export interface TimelineEntry {
  sequence: number;
  type: string;
  at: string;
  detail: Record<string, unknown>;
}

/** The order workflow's state (GET /orders/:id `state`, and every action's answer). */
export interface OrderState {
  orderId: string;
  status: string;
  closure?: string;
  urgency: string;
  category: string;
  matterTypeCode?: string;
  location: { address: string; streetId?: string; communityId?: string; gridId?: string };
  receivedAt: string;
  leadUnitId?: string;
  assistingUnitIds: string[];
  returnable: boolean;
  acknowledgedAt?: string;
  respondedAt?: string;
  resolvedAt?: string;
  resolution?: { outcome: string; summary: string };
  deadlines: Deadlines;
  extension?: { status: string; requestedHandleBy: string; reason: string };
  exclusion?: { status: string; reason: string; explanation: string };
  callback?: { answered: boolean; solved?: boolean; satisfaction?: string };
  breaches: string[];
  whistle?: { whistleId: string; status: string; summary?: string };
  timeline: TimelineEntry[];
}

export interface OrderDetail {
  orderId: string;
  state: OrderState | null;
  view: OrderView | null;
  caller: { name?: string; phone: string; masked: boolean; originalContent?: string } | null;
}

/** POST /orders: the order number and what the filter (过滤网) said. */
export interface SubmittedOrder {
  orderId: string;
  created: boolean;
  screening?: {
    applied: { outcome: string; reason?: string };
    suggestion: {
      kind: 'accept' | 'reject' | 'merge' | 'answerDirectly';
      explanation: string;
      matterTypeCode?: string | null;
      riskToLife?: boolean;
      reason?: string;
      guidanceForCaller?: string;
      intoOrderId?: string;
      knowledgeBaseEntry?: { question?: string; answer?: string; title?: string };
    };
    matterTypeCode: string | null;
  };
}

export interface CallerOrder {
  orderId: string;
  receivedAt: string;
  category: string | null;
  matterTypeCode: string | null;
  screening: string;
  status: string;
}

/** GET /whistles/:id — the whistle workflow's state (the fields the console shows). */
export interface WhistleState {
  whistleId: string;
  level: string;
  whistleType: string;
  streetId: string;
  ownerUnitId: string;
  matterTypeCode: string;
  title: string;
  place: { address: string; communityId?: string; gridId?: string };
  linkedOrderIds: string[];
  status: 'blowing' | 'refused' | 'open' | 'closed' | 'evaluated';
  blownAt?: string;
  reportBy?: string;
  departments: WhistleDepartment[];
  outcome?: string;
  closingSummary?: string;
  closedAt?: string;
  districtWhistleId?: string;
  timeline: TimelineEntry[];
}

export interface WhistleDepartment {
  departmentId: string;
  status: 'summoned' | 'reported' | 'committed' | 'completed' | 'verified';
  report?: { representative: string; mode: string; at: string; withinLimit: boolean };
  commitBy?: string;
  commitment?: { measures: string; dueBy: string; at: string; withinLimit: boolean };
  completion?: { summary: string; at: string; withinCommitment: boolean };
  verification?: { passed: boolean; note: string; at: string };
  misses: string[];
  rating?: { timeliness: number; commitment: number; result: number; comment: string };
  precision?: { needed: boolean; wellScoped: boolean; comment: string };
}
