import type { DeputyEvent, DeputyItemPhase, DeputyItemStatus } from '@hotline/contracts';
import type {
  DeputyItemKind,
  DeputyRating,
  ResidentFeedbackChannel,
  StationKind,
} from '@hotline/domain';
import { ActionRefused, type RefusalCode } from '../shared/refusal';

/** Who acts on a deputy's item: the deputy (of the station), the handling unit, or the centre. */
export type DeputyActor =
  | { kind: 'deputy'; deputyId: string; stationId: string; userId: string }
  | { kind: 'unit'; unitId: string; userId: string }
  | { kind: 'supervisor'; userId: string };

/** What the deputy recorded at the station (the resident's contact stays with the API, encrypted). */
export interface DeputyItemWorkflowInput {
  itemId: string;
  stationId: string;
  stationKind: StationKind;
  streetId: string;
  deputyId: string;
  kind: DeputyItemKind;
  /** Personal data masked. */
  content: string;
  location: { address?: string; streetId?: string; communityId?: string };
  matterTypeCode?: string;
  residentReachable: boolean;
  recordedBy: DeputyActor;
}

export type DeputyHandOver =
  | { route: 'order'; orderId: string; note: string }
  /** Without `dueAt`, the policy's default limit (15 working days) applies. */
  | { route: 'proposal'; unitId: string; dueAt?: string; note: string };

export type DeputyCommand =
  | ({ type: 'handOver'; actor: DeputyActor } & DeputyHandOver)
  | {
      type: 'answer';
      actor: DeputyActor;
      outcome: 'solved' | 'partly_solved' | 'unsolvable';
      summary: string;
    }
  | { type: 'rate'; actor: DeputyActor; rating: DeputyRating; comment: string }
  | { type: 'reportBack'; actor: DeputyActor; resident: ResidentFeedbackChannel; note: string };

export const DEPUTY_COMMAND_TYPES = ['handOver', 'answer', 'rate', 'reportBack'] as const;
export type DeputyCommandType = (typeof DEPUTY_COMMAND_TYPES)[number];

/**
 * What the order made from an item tells it (sent by the order workflow): the unit's answer
 * (办结), or the order's closure without one (filtered at intake, terminated).
 */
export type DeputyOrderAnswer =
  | {
      orderId: string;
      kind: 'resolved';
      unitId: string;
      outcome: 'solved' | 'partly_solved' | 'unsolvable';
      summary: string;
      withinLimit: boolean;
    }
  | { orderId: string; kind: 'closed'; closure: string; explanation: string };

export class DeputyActionRefused extends ActionRefused<RefusalCode> {
  override name = 'DeputyActionRefused';
}

export interface DeputyTimelineLine {
  sequence: number;
  type: DeputyEvent['type'] | 'ActionRefused';
  at: string;
  detail: Record<string, unknown>;
}

export interface DeputyItemState {
  itemId: string;
  status: DeputyItemStatus;
  input: DeputyItemWorkflowInput;
  /** Reminders go out at this fraction of a window (policy, looked up at the start). */
  reminderFraction: number;
  recordedAt?: string;
  handOverBy?: string;
  route?: 'order' | 'proposal';
  orderId?: string;
  /** The unit that answers: the proposal's, or the order's lead unit once it resolved. */
  unitId?: string;
  handedOverAt?: string;
  dueAt?: string;
  remindAt?: string;
  answer?: { outcome: string; summary: string; onTime: boolean; answeredAt: string };
  rateBy?: string;
  /** Where the report-back limit falls if the deputy does not rate (counted from rateBy). */
  lapseReportBackBy?: string;
  rating?: DeputyRating;
  ratingLapsed: boolean;
  reportBackBy?: string;
  reportedBack?: { resident: ResidentFeedbackChannel; onTime: boolean };
  reminded: DeputyItemPhase[];
  overdue: DeputyItemPhase[];
  firedTimers: string[];
  timeline: DeputyTimelineLine[];
}
