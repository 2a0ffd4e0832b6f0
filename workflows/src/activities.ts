import type { EventEnvelope, Urgency } from '@hotline/contracts';

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
}

export type RoutingResult =
  | {
      kind: 'dispatch';
      leadUnitId: string;
      assistingUnitIds: string[];
      supervisingUnitIds: string[];
      rule: string;
      streetId?: string;
    }
  | { kind: 'manual'; reason: string }
  | { kind: 'arbitration'; reason: string };

/** Which clock to compute: each phase starts its own limits (shared/domain.md §4–§8). */
export type DeadlinePhase = 'manual_dispatch' | 'dispatch' | 'acknowledge' | 'callback';

export interface DeadlineRequest {
  phase: DeadlinePhase;
  urgency: Urgency;
  matterTypeCode?: string;
  /** ISO time the clock starts from. */
  from: string;
}

export interface DeadlineResult {
  dispatchBy?: string;
  acknowledgeBy?: string;
  returnBy?: string;
  respondBy?: string;
  handleBy?: string;
  callbackDueAt?: string;
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
}

export interface EventActivities {
  /** Publishes events to the event stream; idempotent for consumers by eventId and sequence. */
  publishEvents(events: EventEnvelope[]): Promise<void>;
}

export interface OrderActivities extends EventActivities {
  routeOrder(request: RoutingRequest): Promise<RoutingResult>;
  orderDeadlines(request: DeadlineRequest): Promise<DeadlineResult>;
  orderPolicy(): Promise<OrderPolicy>;
}
