import { ActionRefused, type RefusalCode } from '../shared/refusal';
import type {
  OrderEvent,
  ClosureKind,
  DeadlineKind,
  OrderEventType,
  OrderReceivedV1,
  OrderStatus,
  SatisfactionLevel,
  WhistleType,
} from '@hotline/contracts';
import type { TakenBy } from '@hotline/contracts';
import type { DeadlineResult, DispatchLevels, OrderPolicy } from '../activities';

/** Who performs an action. The API derives it from the caller's token; the workflow checks it. */
export type Actor =
  | { kind: 'unit'; unitId: string; userId?: string }
  | { kind: 'supervisor'; userId?: string }
  | { kind: 'operator'; userId?: string };

/** The screening (过滤网) decided at intake, by the rules or the operator. */
export type Screening =
  | { outcome: 'accept' }
  | { outcome: 'rejected'; reason: string; explanation: string; decidedBy: 'rules' | 'operator' }
  | { outcome: 'merged'; intoOrderId: string; explanation: string; decidedBy: 'rules' | 'operator' }
  | { outcome: 'answered_directly'; explanation: string; decidedBy: 'rules' | 'operator' };

/** What the API hands the order workflow at intake. No personal data: the caller lives in Postgres. */
export type OrderWorkflowInput = OrderReceivedV1 & {
  /** Keyed hash of the caller's phone (for duplicate detection); never the phone itself. */
  callerKey: string;
  screening?: Screening;
};

/** Actions on an order. Each is both a signal (fire and forget) and an update (immediate answer). */
export type OrderCommand =
  | { type: 'acknowledge'; actor: Actor }
  | { type: 'return'; actor: Actor; reason: string; explanation: string }
  | { type: 'respond'; actor: Actor; note: string }
  | { type: 'reportProgress'; actor: Actor; note: string }
  | { type: 'requestExtension'; actor: Actor; requestedHandleBy: string; reason: string }
  | {
      type: 'resolve';
      actor: Actor;
      outcome: 'solved' | 'partly_solved' | 'unsolvable';
      summary: string;
    }
  | { type: 'requestExclusion'; actor: Actor; reason: string; explanation: string }
  | {
      type: 'dispatchManually';
      actor: Actor;
      leadUnitId: string;
      assistingUnitIds?: string[];
      note?: string;
    }
  | {
      type: 'decideArbitration';
      actor: Actor;
      leadUnitId: string;
      assistingUnitIds?: string[];
      note: string;
    }
  | { type: 'decideExtension'; actor: Actor; approve: boolean; note: string }
  | { type: 'urge'; actor: Actor; note: string }
  | { type: 'supervise'; actor: Actor; note: string }
  | { type: 'decideExclusion'; actor: Actor; approve: boolean; note: string }
  | {
      type: 'recordCallback';
      actor: Actor;
      reached: boolean;
      solved?: boolean;
      satisfaction?: SatisfactionLevel;
      /** For a dissatisfied caller: was it the unit's fault? Only then does it go back for rework. */
      unitAtFault?: boolean;
      note?: string;
    }
  | { type: 'terminate'; actor: Actor; reason: string }
  | {
      /** 吹哨: the lead street summons departments for an order it cannot solve alone. */
      type: 'escalateToWhistle';
      actor: Actor;
      whistleType: WhistleType;
      summonedUnitIds: string[];
      title: string;
      description: string;
    };

export type OrderCommandType = OrderCommand['type'];

export const ORDER_COMMAND_TYPES: readonly OrderCommandType[] = [
  'acknowledge',
  'return',
  'respond',
  'reportProgress',
  'requestExtension',
  'resolve',
  'requestExclusion',
  'dispatchManually',
  'decideArbitration',
  'decideExtension',
  'urge',
  'supervise',
  'decideExclusion',
  'recordCallback',
  'terminate',
  'escalateToWhistle',
];

/** An order event before the outbox puts it in its envelope (libs/contracts' typed union). */
export type PendingEvent = OrderEvent;

/** The limits in force, as the lookups gave them (`provisional`: recompute when the notice is out). */
export type Deadlines = Pick<
  DeadlineResult,
  | 'dispatchBy'
  | 'acknowledgeBy'
  | 'returnBy'
  | 'respondBy'
  | 'handleBy'
  | 'callbackDueAt'
  | 'provisional'
>;

export interface TimelineEntry {
  sequence: number;
  type: OrderEventType | 'ActionRefused';
  at: string;
  detail: Record<string, unknown>;
}

/** The whole state of one order, as the `orderState` query returns it. */
export interface OrderState {
  orderId: string;
  status: OrderStatus;
  closure?: ClosureKind;
  urgency: OrderReceivedV1['urgency'];
  category: OrderReceivedV1['category'];
  matterTypeCode?: string;
  location: OrderReceivedV1['location'];
  receivedAt: string;
  leadUnitId?: string;
  assistingUnitIds: string[];
  supervisingUnitIds: string[];
  /**
   * Three-level dispatch (市级 → 区级 → 街乡): who took the call. Only on orders taken with
   * `takenBy` (patch `city-dispatch`); absent, the order routes as the district's did before.
   */
  takenBy?: TakenBy;
  /** The levels of the current dispatch (district, lead level, escalation target…). */
  levels?: DispatchLevels;
  /** Who decides the arbitration (争议裁定) the order is in or went through. */
  arbiter?: { unitId: string; level: 'city' | 'district' };
  dispatchAttempt: number;
  /** False after arbitration: the centre's decision is final (no more 退单). */
  returnable: boolean;
  returnedByUnitIds: string[];
  acknowledgedAt?: string;
  respondedAt?: string;
  respondedWithinLimit?: boolean;
  resolvedAt?: string;
  resolvedWithinLimit?: boolean;
  resolution?: { outcome: 'solved' | 'partly_solved' | 'unsolvable'; summary: string };
  deadlines: Deadlines;
  reminderFractions: number[];
  maxExtensionFactor: number;
  extension?: {
    status: 'pending' | 'approved' | 'denied';
    requestedHandleBy: string;
    reason: string;
  };
  extensionsGranted: number;
  exclusion?: { status: 'pending' | 'approved' | 'denied'; reason: string; explanation: string };
  callbackAttempts: number;
  callback?: { answered: boolean; solved?: boolean; satisfaction?: SatisfactionLevel };
  reworkRounds: number;
  /** Progress notes recorded (capped by policy.maxProgressNotes). */
  progressNotes: number;
  /** Set when the callback phase is over but an exclusion request still awaits its decision. */
  closeWhenExclusionDecided: boolean;
  breaches: DeadlineKind[];
  /**
   * The whistle the order was escalated to (吹哨): while it is `waiting`, the order cannot be
   * resolved; once it has ended the unit carries on with its outcome.
   */
  whistle?: OrderWhistle;
  /** Keys of reminders and breaches already fired, so each fires once. */
  firedTimers: string[];
  timeline: TimelineEntry[];
  policy: OrderPolicy;
}

export interface OrderWhistle {
  whistleId: string;
  /** 1 for the order's first whistle, 2 if it is escalated again after the first ended. */
  round: number;
  status: 'waiting' | 'solved' | 'unsolved' | 'escalated' | 'refused';
  summary?: string;
  districtWhistleId?: string;
}

/** Refusal of an action: the reason is shown to the person who tried it. */
export class OrderActionRefused extends ActionRefused<RefusalCode> {
  override readonly name = 'OrderActionRefused';
}
