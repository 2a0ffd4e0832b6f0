import { type EventEnvelope } from '@hotline/contracts';
import { type Projection } from './projection';
import { type Sql } from './sql';

/** applied: at least one projection changed; duplicate: every projection had seen it. */
export type ApplyOutcome = 'applied' | 'duplicate' | 'ignored';

export interface SequenceGap {
  projection: string;
  aggregateId: string;
  expected: number;
  received: number;
}

export interface RunnerResult {
  outcome: ApplyOutcome;
  gaps: SequenceGap[];
}

/**
 * Applies one event to every projection that follows its aggregate type, with a position per
 * (projection, aggregate): one upsert locks and advances the positions and returns the
 * projections for which the event is new, with the sequence they had reached (a concurrent
 * delivery of the same event waits on the row lock, then finds it applied). A sequence at or
 * below the position is a repeat (redelivery, replay) and changes nothing; one beyond the next
 * is a gap — events lost or dead-lettered — which is recorded and reported, and the event is
 * applied anyway so the view keeps moving. The caller supplies the transaction.
 */
export class ProjectionRunner {
  constructor(readonly projections: readonly Projection[]) {
    const names = projections.map((p) => p.name);
    if (new Set(names).size !== names.length)
      throw new Error(`duplicate projection names: ${names}`);
  }

  async apply(event: EventEnvelope, sql: Sql): Promise<RunnerResult> {
    const following = this.projections.filter((p) =>
      p.aggregateTypes.includes(event.aggregateType),
    );
    if (following.length === 0) return { outcome: 'ignored', gaps: [] };

    const advanced = await sql.rows<{ projection: string; previous: number }>(
      `INSERT INTO projection_position AS pp
         (aggregate_type, aggregate_id, projection, last_sequence, previous_sequence)
       SELECT $1, $2, name, $4, 0 FROM unnest($3::text[]) AS name
       ON CONFLICT (aggregate_type, aggregate_id, projection) DO UPDATE
         SET last_sequence = EXCLUDED.last_sequence, previous_sequence = pp.last_sequence
         WHERE pp.last_sequence < EXCLUDED.last_sequence
       RETURNING pp.projection, pp.previous_sequence AS previous`,
      [event.aggregateType, event.aggregateId, following.map((p) => p.name), event.sequence],
    );
    if (advanced.length === 0) return { outcome: 'duplicate', gaps: [] };

    const previousOf = new Map(advanced.map((a) => [a.projection, a.previous]));
    const gaps: SequenceGap[] = [];
    const shared = new Map<string, unknown>();
    for (const projection of following) {
      const previous = previousOf.get(projection.name);
      if (previous === undefined) continue; // this projection had seen the event
      if (event.sequence > previous + 1) {
        gaps.push(await recordGap(sql, projection.name, event, previous + 1));
      }
      await projection.apply(event, { sql, shared });
    }
    return { outcome: 'applied', gaps };
  }
}

async function recordGap(
  sql: Sql,
  projection: string,
  event: EventEnvelope,
  expected: number,
): Promise<SequenceGap> {
  await sql.exec(
    `INSERT INTO projection_gap (projection, aggregate_type, aggregate_id, expected_sequence,
                                 received_sequence, event_id, event_type)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [
      projection,
      event.aggregateType,
      event.aggregateId,
      expected,
      event.sequence,
      event.eventId,
      event.type,
    ],
  );
  return { projection, aggregateId: event.aggregateId, expected, received: event.sequence };
}
