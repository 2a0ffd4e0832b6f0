import type { PlaceRef } from '../reference/place';
import type { KnowledgeEntry, RejectReason } from '../reference/types';

export interface OrderPlace extends PlaceRef {
  /** Free-text address as the caller gave it. */
  readonly address?: string | null;
}

/** How an earlier contact of the same caller ended. */
export interface CallerHistoryEntry {
  readonly orderId: string;
  readonly receivedAt: Date;
  readonly matterTypeCode: string | null;
  readonly outcome: 'open' | 'resolved' | 'rejected' | 'merged' | 'answered' | 'terminated';
  /** Why it was rejected or terminated (终止办理), if it was. */
  readonly reason?: RejectReason | null;
}

/** The filter's suggestion (过滤网), always with the words that justify it. */
export type FilterDecision =
  | {
      readonly kind: 'accept';
      readonly explanation: string;
      /** The recorded or suggested matter type, if any. */
      readonly matterTypeCode: string | null;
      /** Self-harm or danger words: handle as an emergency and alert 110/120 at once. */
      readonly riskToLife: boolean;
    }
  | {
      readonly kind: 'reject';
      readonly reason: RejectReason;
      /** The rule that fired, for audit (e.g. `LEG-PROCESS`, `INSUFFICIENT-PLACE`). */
      readonly ruleId: string;
      readonly explanation: string;
      readonly guidanceForCaller: string;
    }
  | { readonly kind: 'merge'; readonly intoOrderId: string; readonly explanation: string }
  | {
      readonly kind: 'answerDirectly';
      readonly knowledgeBaseEntry: KnowledgeEntry;
      readonly explanation: string;
    };
