import type { EventEnvelope, TakenBy, Urgency, WhistleType } from '@hotline/contracts';
import type { AdmissionApplication, AdmissionFinding } from '@hotline/domain';

/**
 * What the workflows ask of the outside world. The worker implements it (apps/worker) with the
 * rules of libs/domain; workflows see only this interface, so dependencies point inward. Lookups
 * run as activities so that a change of reference data never changes a recorded history.
 */

export interface OrderPlace {
  address: string;
  streetId?: string;
  communityId?: string;
  gridId?: string;
}

export interface RoutingRequest {
  matterTypeCode?: string;
  location: OrderPlace;
  /** Units that returned (退单) the order: never dispatched to again by the rules. */
  excludedUnitIds: string[];
  returnCount: number;
  /**
   * Three-level dispatch (orders taken with `takenBy` only): who took the call, the order's
   * receipt (its Shanghai day decides which devolved powers are in force), and, after a return,
   * who sent it back with what words (a push-down to a street is checked, 自上而下派回街道).
   */
  takenBy?: TakenBy;
  receivedAt?: string;
  returnedBy?: { unitId: string; explanation: string };
}

/** The three-level facts of a dispatch (orders taken with `takenBy`; libs/domain city routing). */
export interface DispatchLevels {
  districtId?: string;
  leadLevel?: 'city' | 'district' | 'street';
  dispatchedByUnitId?: string;
  enforcement?: {
    powerId: string;
    powerName: string;
    /** The street whose team enforces (absent in dispatches recorded before it was named). */
    streetId?: string;
    teamName: string;
    supportUnitId: string | null;
  };
  escalation?: { toUnitId: string; level: 'city' | 'district'; explanation: string };
  pushDown?: { fromUnitId: string; flagged: boolean; code: string; explanation: string };
}

/** A lead chosen by a person (manual dispatch, arbitration): its levels, and the push-down check. */
export interface LevelsRequest {
  leadUnitId: string;
  matterTypeCode?: string;
  receivedAt: string;
  /** The arbiter that decided; absent: the taking centre (from `takenBy`). */
  fromUnitId?: string;
  takenBy: TakenBy;
  /** The person's note: a push-down to a street needs a reason (自上而下派回街道). */
  reason: string;
}

export type RoutingResult =
  | {
      kind: 'dispatch';
      leadUnitId: string;
      assistingUnitIds: string[];
      supervisingUnitIds: string[];
      rule: string;
      streetId?: string;
      levels?: DispatchLevels;
    }
  | { kind: 'manual'; reason: string }
  | {
      kind: 'arbitration';
      reason: string;
      /** Who decides (争议裁定), for orders taken with `takenBy`. */
      arbiterUnitId?: string;
      arbiterLevel?: 'city' | 'district';
    };

/** Which clock to compute: each phase starts its own limits (docs/domain.md §4–§8). */
export type DeadlinePhase =
  'manual_dispatch' | 'dispatch' | 'acknowledge' | 'callback' | 'extension';

export interface DeadlineRequest {
  phase: DeadlinePhase;
  urgency: Urgency;
  matterTypeCode?: string;
  /** ISO time the clock starts from (for `extension`: the handling limit in force). */
  from: string;
}

export interface DeadlineResult {
  dispatchBy?: string;
  acknowledgeBy?: string;
  returnBy?: string;
  respondBy?: string;
  handleBy?: string;
  callbackDueAt?: string;
  /** `extension`: the latest handling limit an extension may reach (libs/domain `extendDeadline`). */
  latestHandleBy?: string;
  /** Fractions of the handling window at which to remind the unit, e.g. [0.5, 0.8]. */
  reminderFractions: number[];
  /** The longest extension, as a multiple of the original handling window (1 = the limit again). */
  maxExtensionFactor: number;
  /**
   * True when a deadline relied on a year whose official holiday notice is not in the table yet
   * (weekends and fixed-date holidays only): recompute once the notice is published.
   */
  provisional?: boolean;
}

export interface OrderPolicy {
  /** Returns (退单) after which the order goes to arbitration (争议裁定). */
  maxReturns: number;
  maxExtensions: number;
  maxReworkRounds: number;
  maxCallbackAttempts: number;
  /**
   * Meaningful characters of supporting words a return (退单) needs (libs/domain
   * `canReturnOrder`). Absent in orders started before the domain's rule applied: they keep the
   * rule they started with (any non-empty words), so their recorded histories replay unchanged.
   */
  minReturnSupportingChars?: number;
  /**
   * The longest extension (延期) is looked up from the working calendar (phase `extension`,
   * libs/domain `extendDeadline`). Absent in orders started before: they keep the rule they started
   * with (at most the acknowledged-to-limit span again), and no lookup enters their history.
   */
  extensionLimitLookup?: boolean;
  /**
   * Progress notes (进展) an order keeps (policy.notes.maxPerOrder); past it, reportProgress is
   * refused (`limit_reached`, 409). Absent in orders started before the cap: no cap for them.
   */
  maxProgressNotes?: number;
  /** History events per run before the order continues as new (policy.history); absent: default. */
  historyEventsPerRun?: number;
}

export interface EventActivities {
  /** Publishes events to the event stream; idempotent for consumers by eventId and sequence. */
  publishEvents(events: EventEnvelope[]): Promise<void>;
}

export interface OrderActivities extends EventActivities {
  routeOrder(request: RoutingRequest): Promise<RoutingResult>;
  orderDeadlines(request: DeadlineRequest): Promise<DeadlineResult>;
  orderPolicy(): Promise<OrderPolicy>;
  /** Levels and the push-down check of a lead a person chose (orders taken with `takenBy`). */
  dispatchLevels(request: LevelsRequest): Promise<DispatchLevels>;
}

// ------------------------------------------------------------------ whistles (吹哨报到)

export interface WhistleScopeRequest {
  matterTypeCode: string;
  streetId: string;
  summonedUnitIds: string[];
}

export interface WhistleScopeRefusal {
  /** unknown_matter, not_on_whistle_list, unknown_street, no_units_summoned, unknown_unit, not_summonable, no_duty_for_matter */
  code: string;
  unitId: string | null;
  explanation: string;
}

export type WhistleScopeResult =
  { ok: true; explanation: string } | { ok: false; refusals: WhistleScopeRefusal[] };

export interface WhistleDeadlineRequest {
  whistleType: WhistleType;
  /** ISO time the whistle type's limit (30 min / 24 h / 3 working days by default) runs from. */
  from: string;
}

export interface WhistleDeadlineResult {
  deadline: string;
  /** The calendar used a year without its official holiday notice. */
  provisional?: boolean;
}

export interface WhistlePolicy {
  /** Runs district whistles (上报 goes to it): the district's supervising unit. */
  districtUnitId: string;
  /** How long after the close ratings are taken, unless everyone has rated sooner. */
  evaluationWindowHours: number;
  /** The street's rating scale (1–5 by default). */
  rating: { min: number; max: number };
  /** Progress notes a whistle keeps, all departments together; absent in older whistles: no cap. */
  maxProgressNotes?: number;
  /** History events per run before the whistle continues as new (policy.history); absent: default. */
  historyEventsPerRun?: number;
}

/** One department's part on a whistle, as libs/domain's evaluation counts it. */
export interface WhistleParticipationRecord {
  departmentId: string;
  report: 'on_time' | 'late' | 'missed';
  commitment: 'made' | 'missed';
  rating: { timeliness: number; commitment: number; result: number } | null;
}

export interface WhistleScoreRequest {
  whistleId: string;
  /** The street (or district unit) that rated: its marks are checked for 一律优秀. */
  raterUnitId: string;
  participations: WhistleParticipationRecord[];
}

export interface WhistleScoreResult {
  /** 0–100 per department, null when it has no rating and no miss to count. */
  scores: { departmentId: string; score: number | null }[];
  /** The rater gave three or more departments top marks on everything (评价“一律优秀”). */
  uniformTopMarks: boolean;
}

/** Whose policy: the street blowing the whistle (its district runs district whistles). */
export interface WhistlePolicyRequest {
  streetId: string;
}

export interface WhistleActivities extends EventActivities {
  /** Asked without a request by whistles started before streets of every district could blow. */
  whistlePolicy(request?: WhistlePolicyRequest): Promise<WhistlePolicy>;
  /** 吹哨范围: the matter must be on the whistle list and every department must have a duty for it. */
  checkWhistleScope(request: WhistleScopeRequest): Promise<WhistleScopeResult>;
  whistleDeadline(request: WhistleDeadlineRequest): Promise<WhistleDeadlineResult>;
  scoreWhistle(request: WhistleScoreRequest): Promise<WhistleScoreResult>;
}

// ------------------------------------------------------------------ duty admission (准入)

export interface AdmissionLimitRequest {
  /** review: the office's decision limit; resubmit: the department's limit after a return. */
  phase: 'review' | 'resubmit';
  /** ISO time the limit runs from. */
  from: string;
}

export interface AdmissionLimitResult {
  deadline: string;
  provisional?: boolean;
}

/** A finding of the pre-check (libs/domain `precheckApplication`). */
export type AdmissionFindingResult = AdmissionFinding;

export interface AdmissionActivities extends EventActivities {
  admissionPolicy(): Promise<{ maxReturns: number }>;
  admissionLimit(request: AdmissionLimitRequest): Promise<AdmissionLimitResult>;
  /** The pre-check against the published list (准入事项清单) as it stands now. */
  precheckAdmission(application: AdmissionApplication): Promise<AdmissionFindingResult[]>;
}

// ------------------------------------------------------------------ deputies' items (家站点)

export interface DeputyLimitRequest {
  /** hand_over, answer (default due date), longest_answer, rate, report_back (libs/domain DeputyPolicy). */
  phase: 'hand_over' | 'answer' | 'longest_answer' | 'rate' | 'report_back';
  /** ISO time the limit runs from. */
  from: string;
}

export interface DeputyActivities extends EventActivities {
  deputyPolicy(): Promise<{ reminderFraction: number }>;
  deputyLimit(request: DeputyLimitRequest): Promise<{ deadline: string; provisional?: boolean }>;
  /** libs/domain canHandProposalTo: may this unit take a proposal from this station. */
  checkDeputyProposal(request: {
    stationId: string;
    unitId: string;
  }): Promise<{ ok: true } | { ok: false; reason: string }>;
}
