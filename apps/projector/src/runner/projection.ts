import { type AggregateType, type EventEnvelope } from '@hotline/contracts';
import { type Sql } from './sql';

/** What a projection may use for a whole batch: its transaction, and state kept until flush. */
export interface BatchContext {
  readonly sql: Sql;
  /**
   * State kept across the events of one batch (one transaction), by key: rows read once and
   * written once at `flush`, counters summed before they are added.
   */
  readonly batch: Map<string, unknown>;
}

/** What a projection may do while applying one event: SQL on the batch's transaction. */
export interface ProjectionContext extends BatchContext {
  /**
   * What earlier projections worked out for this same event, for later ones to reuse instead of
   * reading it back (the order view's snapshot before and after, for the inbox and SLA board).
   */
  readonly shared: Map<string, unknown>;
}

/**
 * One read model. The runner calls `apply` once per new event of the aggregate types it follows,
 * in sequence per aggregate, inside the one transaction that also advances its position — so a
 * projection never checks for repeats itself. Events come in batches (one transaction each):
 * `prepare` sees the batch's new events first (to read their rows at once), `flush` runs after
 * the last one (to write what `apply` kept in `batch`). The result must be the same however the
 * events are cut into batches.
 */
export interface Projection {
  /** Stable name, the key of its positions. A new name starts the projection from scratch. */
  readonly name: string;
  readonly aggregateTypes: readonly AggregateType[];
  prepare?(events: readonly EventEnvelope[], ctx: BatchContext): Promise<void>;
  apply(event: EventEnvelope, ctx: ProjectionContext): Promise<void>;
  flush?(ctx: BatchContext): Promise<void>;
}
