import {
  DEPUTY_ITEM_KINDS,
  DEPUTY_RATINGS,
  RESIDENT_FEEDBACK_CHANNELS,
  STATION_KINDS,
} from '@hotline/domain';
import { z } from 'zod';
import { RESOLUTION_OUTCOMES } from './order-events';

/**
 * Payloads of the deputies' channel events (人大代表之家、联络站、联系点), version 1. A deputy records
 * a resident's opinion or suggestion at a station; it is handed over as a 12345 order (channel
 * `deputy`) or as a proposal to a unit with a due date (交办); the unit answers; the deputy rates
 * the answer; the outcome is reported back to the station and the resident. Published on the
 * governance topic (`aggregateType: 'deputy_item'`, the item id as aggregate id). No personal data:
 * the resident's name and phone stay encrypted in the API's store; events say only whether the
 * resident left a way to reach them. Add fields (optional) or new versions; never change one.
 */

const isoTime = z.iso.datetime({ offset: true });
const text = z.string();

export const DEPUTY_ITEM_STATUSES = [
  'recorded', // 已登记，待转办
  'handed_over', // 已转为工单或已交办，待答复
  'answered', // 已答复，待代表评价
  'rated', // 已评价（或评价逾期），待反馈
  'closed', // 已向站点和居民反馈，办结
] as const;
export type DeputyItemStatus = (typeof DEPUTY_ITEM_STATUSES)[number];

/** The step a deadline belongs to. */
export const DEPUTY_ITEM_PHASES = ['hand_over', 'answer', 'rate', 'report_back'] as const;
export type DeputyItemPhase = (typeof DEPUTY_ITEM_PHASES)[number];

export const deputyItemRecordedV1 = z.object({
  itemId: text.min(1),
  stationId: text.min(1),
  stationKind: z.enum(STATION_KINDS),
  streetId: text.min(1),
  deputyId: text.min(1),
  kind: z.enum(DEPUTY_ITEM_KINDS),
  /** What the resident said, personal data masked. */
  content: text,
  location: z.object({
    address: text.optional(),
    streetId: text.optional(),
    communityId: text.optional(),
  }),
  matterTypeCode: text.optional(),
  /** The resident left a phone (kept encrypted by the API), so the outcome can be told to them. */
  residentReachable: z.boolean(),
  handOverBy: isoTime,
});

export const deputyItemHandedOverV1 = z.discriminatedUnion('route', [
  /** Became a 12345 order through the hotline's intake (channel `deputy`). */
  z.object({ route: z.literal('order'), orderId: text.min(1), handedOverBy: text, note: text }),
  /** A proposal handed to a unit with a due date (交办). */
  z.object({
    route: z.literal('proposal'),
    unitId: text.min(1),
    dueAt: isoTime,
    remindAt: isoTime,
    handedOverBy: text,
    note: text,
  }),
]);

/** A reminder (催办) before a limit runs out. */
export const deputyItemRemindedV1 = z.object({
  phase: z.enum(DEPUTY_ITEM_PHASES),
  dueAt: isoTime,
  /** Who is reminded: the deputy (hand over, rate, report back) or the handling unit (answer). */
  remindedId: text,
});
/** A limit passed: on the station's record (and the unit's, for an answer), once per limit. */
export const deputyItemOverdueV1 = z.object({
  phase: z.enum(DEPUTY_ITEM_PHASES),
  dueAt: isoTime,
  responsibleId: text,
});

export const deputyItemAnsweredV1 = z.object({
  route: z.enum(['order', 'proposal']),
  unitId: text,
  /** solved / partly_solved / unsolvable, or `closed_at_intake` for an order the filter closed. */
  outcome: z.enum([...RESOLUTION_OUTCOMES, 'closed_at_intake']),
  summary: text,
  /** Answered by the order's handling limit, or by the proposal's due date. */
  onTime: z.boolean(),
  answeredBy: text,
  rateBy: isoTime,
  /** The report-back limit if the deputy does not rate (counted from rateBy). */
  reportBackIfUnratedBy: isoTime,
});
export const deputyItemRatedV1 = z.object({
  rating: z.enum(DEPUTY_RATINGS),
  comment: text,
  ratedBy: text,
  reportBackBy: isoTime,
});
/** The deputy did not rate in time: the item goes on unrated. */
export const deputyItemRatingLapsedV1 = z.object({ rateBy: isoTime, reportBackBy: isoTime });
export const deputyItemReportedBackV1 = z.object({
  /** Posted at the station (站点公示) — always, it is the station's record. */
  station: z.literal(true),
  resident: z.enum(RESIDENT_FEEDBACK_CHANNELS),
  note: text,
  reportedBy: text,
  onTime: z.boolean(),
});

export type DeputyItemRecordedV1 = z.infer<typeof deputyItemRecordedV1>;
export type DeputyItemHandedOverV1 = z.infer<typeof deputyItemHandedOverV1>;
export type DeputyItemRemindedV1 = z.infer<typeof deputyItemRemindedV1>;
export type DeputyItemOverdueV1 = z.infer<typeof deputyItemOverdueV1>;
export type DeputyItemAnsweredV1 = z.infer<typeof deputyItemAnsweredV1>;
export type DeputyItemRatedV1 = z.infer<typeof deputyItemRatedV1>;
export type DeputyItemRatingLapsedV1 = z.infer<typeof deputyItemRatingLapsedV1>;
export type DeputyItemReportedBackV1 = z.infer<typeof deputyItemReportedBackV1>;

export const DEPUTY_EVENT_SCHEMAS = {
  DeputyItemRecorded: { 1: deputyItemRecordedV1 },
  DeputyItemHandedOver: { 1: deputyItemHandedOverV1 },
  DeputyItemReminded: { 1: deputyItemRemindedV1 },
  DeputyItemOverdue: { 1: deputyItemOverdueV1 },
  DeputyItemAnswered: { 1: deputyItemAnsweredV1 },
  DeputyItemRated: { 1: deputyItemRatedV1 },
  DeputyItemRatingLapsed: { 1: deputyItemRatingLapsedV1 },
  DeputyItemReportedBack: { 1: deputyItemReportedBackV1 },
} as const;

export interface DeputyEventPayloads {
  DeputyItemRecorded: DeputyItemRecordedV1;
  DeputyItemHandedOver: DeputyItemHandedOverV1;
  DeputyItemReminded: DeputyItemRemindedV1;
  DeputyItemOverdue: DeputyItemOverdueV1;
  DeputyItemAnswered: DeputyItemAnsweredV1;
  DeputyItemRated: DeputyItemRatedV1;
  DeputyItemRatingLapsed: DeputyItemRatingLapsedV1;
  DeputyItemReportedBack: DeputyItemReportedBackV1;
}
export type DeputyEventType = keyof DeputyEventPayloads;
/** One deputy-item event as the decider emits it: discriminated on `type`. */
export type DeputyEvent = {
  [K in DeputyEventType]: { type: K; payload: DeputyEventPayloads[K] };
}[DeputyEventType];
