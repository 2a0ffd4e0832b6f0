import type { OrderReceivedV1 } from '@hotline/contracts';

/** What the API hands the order workflow at intake. No personal data: the caller lives in Postgres. */
export type OrderWorkflowInput = Omit<OrderReceivedV1, 'receivedAt'> & {
  /** Keyed hash of the caller's phone (for duplicate detection); never the phone itself. */
  callerKey: string;
  receivedAt: string;
};
