import { type AggregateType, type EventEnvelope } from '@hotline/contracts';
import { type Sql } from './sql';

/** What a projection may do while applying one event: SQL on the event's transaction. */
export interface ProjectionContext {
  readonly sql: Sql;
  /**
   * What earlier projections worked out for this same event, for later ones to reuse instead of
   * reading it back (the order view's snapshot before and after, for the inbox and SLA board).
   */
  readonly shared: Map<string, unknown>;
}

/**
 * One read model. The runner calls `apply` once per new event of the aggregate types it follows,
 * in sequence per aggregate, inside the one transaction that also advances its position — so a
 * projection never checks for repeats itself.
 */
export interface Projection {
  /** Stable name, the key of its positions. A new name starts the projection from scratch. */
  readonly name: string;
  readonly aggregateTypes: readonly AggregateType[];
  apply(event: EventEnvelope, ctx: ProjectionContext): Promise<void>;
}
