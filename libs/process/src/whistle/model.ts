import { ActionRefused, type RefusalCode } from '../shared/refusal';
import type {
  WhistleEvent,
  ReportMode,
  SatisfactionLevel,
  WhistleEventType,
  WhistleLevel,
  WhistleMissKind,
  WhistleOutcome,
  WhistleParticipationV1,
  WhistleType,
} from '@hotline/contracts';
import type { WhistlePolicy, WhistleScopeRefusal } from '../activities';
import type { Actor } from '../order/model';

export type { Actor } from '../order/model';

/** Where the problem is, as far as the street knows it (no personal data). */
export interface WhistlePlace {
  address: string;
  communityId?: string;
  gridId?: string;
}

/** What starts a whistle (吹哨): the street's request, or a district whistle started by 上报. */
export interface WhistleWorkflowInput {
  whistleId: string;
  /** Street-level unless started by an escalation. */
  level?: WhistleLevel;
  whistleType: WhistleType;
  /** The street or township that blows it (for a district whistle: the one that escalated). */
  streetId: string;
  matterTypeCode: string;
  /** A short name of the problem, e.g. 星湖东里3号楼违建拆除. */
  title: string;
  description: string;
  place: WhistlePlace;
  /** The departments and enterprises summoned (被吹哨单位). */
  summonedUnitIds: string[];
  /** Hotline orders (工单) that wait for this whistle's outcome. */
  linkedOrderIds?: string[];
  /** For a district whistle: the street whistle it continues. */
  escalatedFromWhistleId?: string;
}

/** Actions on a whistle. Each is both a signal and an update (`<type>Update`), as for orders. */
export type WhistleCommand =
  // The summoned departments
  | { type: 'report'; actor: Actor; representative: string; mode: ReportMode }
  | { type: 'commit'; actor: Actor; measures: string; dueBy: string }
  | { type: 'reportProgress'; actor: Actor; note: string }
  | { type: 'complete'; actor: Actor; summary: string }
  | { type: 'ratePrecision'; actor: Actor; needed: boolean; wellScoped: boolean; comment?: string }
  // The street (or, for a district whistle, the district)
  | {
      type: 'verify';
      actor: Actor;
      departmentId: string;
      passed: boolean;
      note: string;
      /** Required when the check fails: the new due date for the department's part. */
      redoBy?: string;
    }
  | { type: 'close'; actor: Actor; outcome: 'solved' | 'unsolved'; summary: string }
  | {
      type: 'escalate';
      actor: Actor;
      reason: string;
      /** Defaults to this whistle's type and departments. */
      whistleType?: WhistleType;
      summonedUnitIds?: string[];
    }
  | {
      type: 'rateDepartment';
      actor: Actor;
      departmentId: string;
      timeliness: number;
      commitment: number;
      result: number;
      comment?: string;
    }
  // The street, the centre's operators or supervisors, on behalf of residents and deputies
  | {
      type: 'recordPublicRating';
      actor: Actor;
      rater: 'resident' | 'deputy';
      satisfaction: SatisfactionLevel;
      comment?: string;
    };

export type WhistleCommandType = WhistleCommand['type'];

export const WHISTLE_COMMAND_TYPES: readonly WhistleCommandType[] = [
  'report',
  'commit',
  'reportProgress',
  'complete',
  'ratePrecision',
  'verify',
  'close',
  'escalate',
  'rateDepartment',
  'recordPublicRating',
];

/** A whistle event before the outbox puts it in its envelope (libs/contracts' typed union). */
export type PendingWhistleEvent = WhistleEvent;

/**
 * blowing: the scope check and deadlines are being looked up; refused: the scope check said no;
 * open: departments report, commit and act; closed: solved, unsolved or escalated, ratings are
 * being taken; evaluated: the two-way evaluation is complete and the workflow ends.
 */
export type WhistleStatus = 'blowing' | 'refused' | 'open' | 'closed' | 'evaluated';

/**
 * One summoned department's step: summoned → reported (报到) → committed (表态) → completed →
 * verified (核查). A failed check sends it back to committed with a new due date.
 */
export type DepartmentStatus = 'summoned' | 'reported' | 'committed' | 'completed' | 'verified';

export interface DepartmentPart {
  departmentId: string;
  status: DepartmentStatus;
  report?: { representative: string; mode: ReportMode; at: string; withinLimit: boolean };
  /** By when it must state its position once reported, and when that miss is escalated. */
  commitBy?: string;
  commitEscalateAt?: string;
  commitment?: { measures: string; dueBy: string; at: string; withinLimit: boolean };
  /** When a missed due date is escalated. */
  deliveryEscalateAt?: string;
  completion?: { summary: string; at: string; withinCommitment: boolean };
  verification?: { passed: boolean; note: string; at: string };
  progressNotes: number;
  /** Deadlines it missed, in order (a kind may repeat after a failed check). On its record. */
  misses: WhistleMissKind[];
  urged: number;
  escalated: number;
  /** The street's rating (一哨一考核). */
  rating?: { timeliness: number; commitment: number; result: number; comment: string };
  /** Its rating of the whistle (吹哨精准度). */
  precision?: { needed: boolean; wellScoped: boolean; comment: string };
}

export interface WhistleTimelineEntry {
  sequence: number;
  type: WhistleEventType | 'ActionRefused';
  at: string;
  detail: Record<string, unknown>;
}

/** The whole state of one whistle, as the `whistleState` query returns it. */
export interface WhistleState {
  whistleId: string;
  level: WhistleLevel;
  whistleType: WhistleType;
  streetId: string;
  /** Who runs it: the street, or the district's coordinating unit for a district whistle. */
  ownerUnitId: string;
  matterTypeCode: string;
  title: string;
  place: WhistlePlace;
  linkedOrderIds: string[];
  escalatedFromWhistleId?: string;
  status: WhistleStatus;
  refusals?: WhistleScopeRefusal[];
  blownAt?: string;
  reportBy?: string;
  reportEscalateAt?: string;
  provisional?: boolean;
  departments: DepartmentPart[];
  outcome?: WhistleOutcome;
  closingSummary?: string;
  closedAt?: string;
  districtWhistleId?: string;
  participations?: WhistleParticipationV1[];
  evaluationBy?: string;
  publicRatings: { rater: 'resident' | 'deputy'; satisfaction: SatisfactionLevel }[];
  /** Set when the evaluation is complete: each department's score and the 一律优秀 warning. */
  evaluation?: {
    scores: { departmentId: string; score: number | null }[];
    uniformTopMarks: boolean;
  };
  /** Keys of misses and escalations already fired, so each fires once. */
  firedTimers: string[];
  timeline: WhistleTimelineEntry[];
  policy: WhistlePolicy;
}

/** Refusal of an action on a whistle: the reason is shown to whoever tried it. */
export class WhistleActionRefused extends ActionRefused<RefusalCode> {
  override readonly name = 'WhistleActionRefused';
}

/** What a whistle tells the orders linked to it when it ends at its level. */
export interface WhistleConclusion {
  whistleId: string;
  outcome: WhistleOutcome | 'refused';
  summary: string;
  districtWhistleId?: string;
}
