import { URGENCIES } from '@hotline/domain';
import { z } from 'zod';

/**
 * Payloads of the order (工单) events, version 1. Personal data (caller name, phone) never
 * appears here. Add fields (optional) or new versions; never change a published one.
 */

const isoTime = z.iso.datetime({ offset: true });

export const orderLocationSchema = z.object({
  address: z.string(),
  streetId: z.string().optional(),
  communityId: z.string().optional(),
  gridId: z.string().optional(),
});

export const ORDER_CHANNELS = ['phone', 'web', 'app', 'wechat', 'open311', 'deputy'] as const;
/** 诉求类型: consultation 咨询, help 求助, complaint 投诉, report 举报, suggestion 建议, praise 表扬. */
export const ORDER_CATEGORIES = [
  'consultation',
  'help',
  'complaint',
  'report',
  'suggestion',
  'praise',
] as const;
/** Urgency (紧急程度): one list for the API, the events and the rules (libs/domain/src/vocabulary.ts). */
export { URGENCIES, type Urgency } from '@hotline/domain';

/** The order's states, as shown in the Temporal UI (OrderStatus) and the read models. */
export const ORDER_STATUSES = [
  'received', // 受理: recorded, not yet filtered or dispatched
  'awaiting_dispatch', // in the centre's manual dispatch queue (no routing rule matched)
  'dispatched', // 派单: sent to a lead unit, waiting for 签收
  'in_arbitration', // 争议裁定: returned too often; the centre decides
  'acknowledged', // 签收
  'responded', // first contact with the caller made
  'in_progress', // the unit reported progress
  'resolved', // 办结: outcome reported, waiting for 回访
  'closed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const FILTER_OUTCOMES = ['rejected', 'merged', 'answered_directly'] as const;
export const CLOSURE_KINDS = [
  'completed', // callback done (or attempts exhausted) after resolution
  'rejected', // 过滤/剔除 at intake
  'merged', // 并单 into an open order
  'answered_directly', // 直接办结: consultation answered on the call
  'terminated', // 终止办理 after review
] as const;
export type ClosureKind = (typeof CLOSURE_KINDS)[number];

export const DEADLINE_KINDS = [
  'dispatch',
  'acknowledge',
  'return',
  'response',
  'handling',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const RESOLUTION_OUTCOMES = ['solved', 'partly_solved', 'unsolvable'] as const;
export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

const unitRef = z.string().min(1);
const deadlinesSchema = z.object({
  acknowledgeBy: isoTime.optional(),
  returnBy: isoTime.optional(),
  respondBy: isoTime.optional(),
  handleBy: isoTime.optional(),
  /** The calendar used a year without its official holiday notice (added in v1, optional). */
  provisional: z.boolean().optional(),
});

/** 受理中心: the city's 12345 centre, or a district's centre (three-level dispatch). */
export const takenBySchema = z.discriminatedUnion('level', [
  z.object({ level: z.literal('city') }),
  z.object({ level: z.literal('district'), districtId: z.string().min(1).max(64) }),
]);
export type TakenBy = z.infer<typeof takenBySchema>;

export const UNIT_LEVELS = ['city', 'district', 'street'] as const;

/** 自上而下派回街道: a district or city unit sent the matter down to a street (libs/domain checkPushDown). */
export const pushDownSchema = z.object({
  fromUnitId: unitRef,
  flagged: z.boolean(),
  /** not_downward, street_duty, reasoned, pushed_down_without_reason */
  code: z.string(),
  explanation: z.string(),
});

export const orderReceivedV1 = z.object({
  orderId: z.string(),
  channel: z.enum(ORDER_CHANNELS),
  category: z.enum(ORDER_CATEGORIES),
  content: z.string(),
  matterTypeCode: z.string().optional(),
  urgency: z.enum(URGENCIES),
  location: orderLocationSchema,
  receivedAt: isoTime,
  /** Intake found a risk to life or safety (added in v1, optional): the kinds, never free text. */
  emergency: z.object({ kinds: z.array(z.string()) }).optional(),
  /**
   * Who took the call (added in v1, optional): the city's 12345 centre (市级直派) or a district's
   * centre. Absent: the district deployment's centre, routed as before the city level.
   */
  takenBy: takenBySchema.optional(),
  /** Brought by a deputy at a station (channel `deputy`): the deputy's item (added in v1, optional). */
  deputyItemId: z.string().optional(),
});
export type OrderReceivedV1 = z.infer<typeof orderReceivedV1>;

export const orderFilteredV1 = z.object({
  outcome: z.enum(FILTER_OUTCOMES),
  /** For rejections: outside_public_duty, in_legal_process, unlawful_demand, abusive, insufficient_information. */
  reason: z.string().optional(),
  explanation: z.string(),
  mergedIntoOrderId: z.string().optional(),
  decidedBy: z.enum(['rules', 'operator']),
});
export type OrderFilteredV1 = z.infer<typeof orderFilteredV1>;

export const orderDispatchedV1 = z.object({
  leadUnitId: unitRef,
  assistingUnitIds: z.array(unitRef),
  supervisingUnitIds: z.array(unitRef),
  /** 1 for the first dispatch, 2 after one return, … */
  attempt: z.number().int().positive(),
  rule: z.string(),
  dispatchedBy: z.enum(['rules', 'supervisor', 'arbitration']),
  matterTypeCode: z.string().optional(),
  streetId: z.string().optional(),
  deadlines: deadlinesSchema,
  // Three-level dispatch (added in v1, optional; only on orders taken with `takenBy`):
  /** The place's district (absent: a city-wide placeless matter). */
  districtId: z.string().optional(),
  leadLevel: z.enum(UNIT_LEVELS).optional(),
  /** The centre that dispatched: BJ-RXZX (市级直派) or a district centre. */
  dispatchedByUnitId: unitRef.optional(),
  /** 执法职权下放: the street's team enforces, the former department supports (专业支撑). */
  enforcement: z
    .object({
      powerId: z.string(),
      powerName: z.string(),
      /** The street or township whose team enforces (added in v1, optional). */
      streetId: z.string().optional(),
      teamName: z.string(),
      supportUnitId: unitRef.nullable(),
    })
    .optional(),
  /** Where the lead escalates (上报): a street to its district centre, a district unit to the city. */
  escalation: z
    .object({ toUnitId: unitRef, level: z.enum(['city', 'district']), explanation: z.string() })
    .optional(),
  /** Sent down to a street by a district or city unit: checked, and flagged without a reason. */
  pushDown: pushDownSchema.optional(),
});
export type OrderDispatchedV1 = z.infer<typeof orderDispatchedV1>;

export const orderQueuedForManualDispatchV1 = z.object({
  reason: z.string(),
  dispatchBy: isoTime.optional(),
});
export type OrderQueuedForManualDispatchV1 = z.infer<typeof orderQueuedForManualDispatchV1>;

export const orderReturnedV1 = z.object({
  unitId: unitRef,
  reason: z.string(),
  explanation: z.string(),
  returnCount: z.number().int().positive(),
});
export type OrderReturnedV1 = z.infer<typeof orderReturnedV1>;

export const orderSentToArbitrationV1 = z.object({
  reason: z.string(),
  returnedByUnitIds: z.array(unitRef),
  /** Who decides (added in v1, optional): the district centre, or the city centre across districts/levels. */
  arbiterUnitId: unitRef.optional(),
  arbiterLevel: z.enum(['city', 'district']).optional(),
});
export type OrderSentToArbitrationV1 = z.infer<typeof orderSentToArbitrationV1>;

export const orderAcknowledgedV1 = z.object({
  unitId: unitRef,
  withinLimit: z.boolean(),
  deadlines: deadlinesSchema,
  reminders: z.array(z.object({ kind: z.enum(DEADLINE_KINDS), at: isoTime, fraction: z.number() })),
});
export type OrderAcknowledgedV1 = z.infer<typeof orderAcknowledgedV1>;

export const orderRespondedV1 = z.object({
  unitId: unitRef,
  withinLimit: z.boolean(),
  note: z.string(),
});
export type OrderRespondedV1 = z.infer<typeof orderRespondedV1>;

export const progressReportedV1 = z.object({ unitId: unitRef, note: z.string() });
export type ProgressReportedV1 = z.infer<typeof progressReportedV1>;

export const extensionRequestedV1 = z.object({
  unitId: unitRef,
  requestedHandleBy: isoTime,
  reason: z.string(),
});
export type ExtensionRequestedV1 = z.infer<typeof extensionRequestedV1>;

export const extensionDecidedV1 = z.object({
  approved: z.boolean(),
  note: z.string(),
  handleBy: isoTime,
  previousHandleBy: isoTime,
});
export type ExtensionDecidedV1 = z.infer<typeof extensionDecidedV1>;

export const deadlineRemindedV1 = z.object({
  kind: z.enum(DEADLINE_KINDS),
  deadline: isoTime,
  fraction: z.number(),
  unitId: unitRef.optional(),
});
export type DeadlineRemindedV1 = z.infer<typeof deadlineRemindedV1>;

export const deadlineBreachedV1 = z.object({
  kind: z.enum(DEADLINE_KINDS),
  deadline: isoTime,
  unitId: unitRef.optional(),
});
export type DeadlineBreachedV1 = z.infer<typeof deadlineBreachedV1>;

/** 催办 (urge: a reminder notice) or 督办 (supervise: formal escalation, on record). */
export const orderUrgedV1 = z.object({
  note: z.string(),
  unitId: unitRef.optional(),
  automatic: z.boolean(),
});
export type OrderUrgedV1 = z.infer<typeof orderUrgedV1>;
export const orderEscalatedV1 = z.object({
  note: z.string(),
  unitId: unitRef.optional(),
  automatic: z.boolean(),
  /** The level the escalation goes to (added in v1, optional; orders taken with `takenBy`). */
  toUnitId: unitRef.optional(),
  level: z.enum(['city', 'district']).optional(),
});
export type OrderEscalatedV1 = z.infer<typeof orderEscalatedV1>;

export const orderResolvedV1 = z.object({
  unitId: unitRef,
  outcome: z.enum(RESOLUTION_OUTCOMES),
  summary: z.string(),
  withinLimit: z.boolean(),
  round: z.number().int().positive(),
  callbackDueAt: isoTime,
  /** Set when the order went through a whistle (吹哨): which one, and how it ended (added in v1, optional). */
  whistle: z.object({ whistleId: z.string(), outcome: z.string() }).optional(),
});
export type OrderResolvedV1 = z.infer<typeof orderResolvedV1>;

export const callbackRecordedV1 = z.object({
  attempt: z.number().int().positive(),
  reached: z.boolean(),
  solved: z.boolean().optional(),
  satisfaction: z.enum(SATISFACTION_LEVELS).optional(),
  unitAtFault: z.boolean().optional(),
  note: z.string(),
});
export type CallbackRecordedV1 = z.infer<typeof callbackRecordedV1>;

export const orderReworkedV1 = z.object({
  unitId: unitRef,
  round: z.number().int().positive(),
  reason: z.string(),
  deadlines: deadlinesSchema,
});
export type OrderReworkedV1 = z.infer<typeof orderReworkedV1>;

export const exclusionRequestedV1 = z.object({
  unitId: unitRef,
  reason: z.string(),
  explanation: z.string(),
});
export type ExclusionRequestedV1 = z.infer<typeof exclusionRequestedV1>;
export const exclusionDecidedV1 = z.object({ approved: z.boolean(), note: z.string() });
export type ExclusionDecidedV1 = z.infer<typeof exclusionDecidedV1>;

export const orderTerminatedV1 = z.object({ reason: z.string() });
export type OrderTerminatedV1 = z.infer<typeof orderTerminatedV1>;

/**
 * 吹哨: the order's lead street escalated it to a whistle, summoning the departments it needs. The
 * order waits for the whistle's outcome (OrderWhistleConcluded) before it can be resolved.
 */
export const orderEscalatedToWhistleV1 = z.object({
  unitId: unitRef,
  whistleId: z.string().min(1),
  whistleType: z.enum(['emergency', 'routine', 'key_task']),
  summonedUnitIds: z.array(unitRef).min(1),
  title: z.string(),
});
export type OrderEscalatedToWhistleV1 = z.infer<typeof orderEscalatedToWhistleV1>;

/**
 * The whistle the order waited for has ended: solved (the unit resolves the order with it), or
 * unsolved, escalated to the district (上报) or refused by the scope check (back to the unit).
 */
export const orderWhistleConcludedV1 = z.object({
  whistleId: z.string().min(1),
  outcome: z.enum(['solved', 'unsolved', 'escalated', 'refused']),
  summary: z.string(),
  districtWhistleId: z.string().optional(),
});
export type OrderWhistleConcludedV1 = z.infer<typeof orderWhistleConcludedV1>;

/** The closing record: everything the monthly scores (三率) need about this order. */
export const orderClosedV1 = z.object({
  closure: z.enum(CLOSURE_KINDS),
  leadUnitId: unitRef.optional(),
  respondedWithinLimit: z.boolean().optional(),
  resolvedWithinLimit: z.boolean().optional(),
  callback: z
    .object({
      answered: z.boolean(),
      solved: z.boolean().optional(),
      satisfaction: z.enum(SATISFACTION_LEVELS).optional(),
    })
    .optional(),
  reworkRounds: z.number().int().min(0),
  returnCount: z.number().int().min(0),
  excluded: z.boolean(),
  breaches: z.array(z.enum(DEADLINE_KINDS)),
});
export type OrderClosedV1 = z.infer<typeof orderClosedV1>;

/** Every order event type with its payload schema per version. Add versions; never edit one. */
export const ORDER_EVENT_SCHEMAS = {
  OrderReceived: { 1: orderReceivedV1 },
  OrderFiltered: { 1: orderFilteredV1 },
  OrderQueuedForManualDispatch: { 1: orderQueuedForManualDispatchV1 },
  OrderDispatched: { 1: orderDispatchedV1 },
  OrderReturned: { 1: orderReturnedV1 },
  OrderSentToArbitration: { 1: orderSentToArbitrationV1 },
  OrderAcknowledged: { 1: orderAcknowledgedV1 },
  OrderResponded: { 1: orderRespondedV1 },
  ProgressReported: { 1: progressReportedV1 },
  ExtensionRequested: { 1: extensionRequestedV1 },
  ExtensionDecided: { 1: extensionDecidedV1 },
  DeadlineReminded: { 1: deadlineRemindedV1 },
  DeadlineBreached: { 1: deadlineBreachedV1 },
  OrderUrged: { 1: orderUrgedV1 },
  OrderEscalated: { 1: orderEscalatedV1 },
  OrderResolved: { 1: orderResolvedV1 },
  CallbackRecorded: { 1: callbackRecordedV1 },
  OrderReworked: { 1: orderReworkedV1 },
  ExclusionRequested: { 1: exclusionRequestedV1 },
  ExclusionDecided: { 1: exclusionDecidedV1 },
  OrderTerminated: { 1: orderTerminatedV1 },
  OrderClosed: { 1: orderClosedV1 },
  OrderEscalatedToWhistle: { 1: orderEscalatedToWhistleV1 },
  OrderWhistleConcluded: { 1: orderWhistleConcludedV1 },
} as const;

export type OrderEventType = keyof typeof ORDER_EVENT_SCHEMAS;

/** Payload type of each order event (version 1). */
export interface OrderEventPayloads {
  OrderReceived: OrderReceivedV1;
  OrderFiltered: OrderFilteredV1;
  OrderQueuedForManualDispatch: OrderQueuedForManualDispatchV1;
  OrderDispatched: OrderDispatchedV1;
  OrderReturned: OrderReturnedV1;
  OrderSentToArbitration: OrderSentToArbitrationV1;
  OrderAcknowledged: OrderAcknowledgedV1;
  OrderResponded: OrderRespondedV1;
  ProgressReported: ProgressReportedV1;
  ExtensionRequested: ExtensionRequestedV1;
  ExtensionDecided: ExtensionDecidedV1;
  DeadlineReminded: DeadlineRemindedV1;
  DeadlineBreached: DeadlineBreachedV1;
  OrderUrged: OrderUrgedV1;
  OrderEscalated: OrderEscalatedV1;
  OrderResolved: OrderResolvedV1;
  CallbackRecorded: CallbackRecordedV1;
  OrderReworked: OrderReworkedV1;
  ExclusionRequested: ExclusionRequestedV1;
  ExclusionDecided: ExclusionDecidedV1;
  OrderTerminated: OrderTerminatedV1;
  OrderClosed: OrderClosedV1;
  OrderEscalatedToWhistle: OrderEscalatedToWhistleV1;
  OrderWhistleConcluded: OrderWhistleConcludedV1;
}
