import type { PlaceRef } from '../reference/place';
import type { Person } from '../reference/types';

export interface RoutingRequest extends PlaceRef {
  readonly matterTypeCode: string;
}

/** The order's returns (退单) so far. */
export interface ReturnHistory {
  readonly returnedByUnitIds: readonly string[];
  readonly returnCount: number;
}

export type RoutingDecision =
  | {
      readonly kind: 'dispatch';
      readonly matterTypeCode: string;
      /** 主办: exactly one. */
      readonly leadUnitId: string;
      /** 协办, in the duty list's order. */
      readonly assistingUnitIds: readonly string[];
      /** Copied to supervise (the district, 区级督办). */
      readonly supervisingUnitIds: readonly string[];
      /** The grid's person for the matter's block, when the grid is known. */
      readonly gridResponsible: Person | null;
      /** The rule applied, in words for the dispatcher and the audit trail. */
      readonly rule: string;
    }
  | {
      readonly kind: 'manual';
      readonly code: 'no_rule' | 'unknown_place' | 'place_conflict';
      readonly reason: string;
    }
  | {
      readonly kind: 'arbitration';
      readonly reason: string;
      readonly returnCount: number;
      /** Units with a duty for the matter that have not returned it, for the arbiter. */
      readonly candidateUnitIds: readonly string[];
    };
