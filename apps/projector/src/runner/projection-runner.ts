import { type EventEnvelope } from '@hotline/contracts';
import { type Projection } from './projection';
import { type Sql } from './sql';

/**
 * applied: at least one projection changed; duplicate: every projection had seen it; reset: a
 * different event had already been seen with this aggregate's sequence number (a workflow reset
 * re-ran it) — reported, and applied only by a projection that had not reached that sequence.
 */
export type ApplyOutcome = 'applied' | 'duplicate' | 'ignored' | 'reset';

export interface SequenceGap {
  projection: string;
  aggregateId: string;
  expected: number;
  received: number;
}

/** An event whose (aggregate, sequence) was first seen with another event id. */
export interface SequenceReuse {
  aggregateType: string;
  aggregateId: string;
  sequence: number;
  eventId: string;
  eventType: string;
  knownEventId: string;
}

export interface RunnerResult {
  outcome: ApplyOutcome;
  gaps: SequenceGap[];
  reset?: SequenceReuse;
}

interface Position {
  last: number;
  previous: number;
  changed: boolean;
}

/**
 * Applies batches of events to every projection that follows their aggregate type, in one
 * transaction the caller supplies, with a position per (projection, aggregate). The positions
 * of the whole batch are locked and read with one statement and written back with one; a
 * sequence at or below the position is a repeat (redelivery, replay) and changes nothing; one
 * beyond the next is a gap — events lost or dead-lettered — which is recorded and reported, and
 * the event is applied anyway so the view keeps moving. Every (aggregate, sequence) is kept with
 * its event id, so a different event for a sequence already seen (a workflow reset) is noticed
 * and recorded in `projection_anomaly` instead of vanishing as a repeat. Projections see the
 * events one by one, in order, and may keep rows for the batch and write them once at the end.
 */
export class ProjectionRunner {
  constructor(readonly projections: readonly Projection[]) {
    const names = projections.map((p) => p.name);
    if (new Set(names).size !== names.length)
      throw new Error(`duplicate projection names: ${names}`);
  }

  /** One event alone (its own batch). */
  async apply(event: EventEnvelope, sql: Sql): Promise<RunnerResult> {
    return (await this.applyBatch([event], sql))[0]!;
  }

  /** The result of each event, in the order given. */
  async applyBatch(events: readonly EventEnvelope[], sql: Sql): Promise<RunnerResult[]> {
    const results: RunnerResult[] = events.map(() => ({ outcome: 'ignored', gaps: [] }));
    const following = events.map((e) =>
      this.projections.filter((p) => p.aggregateTypes.includes(e.aggregateType)),
    );
    const relevant = events.map((_, i) => i).filter((i) => following[i]!.length > 0);
    if (relevant.length === 0) return results;

    const positions = await lockPositions(sql, events, following, relevant);
    const resets = await sequenceReuses(
      sql,
      relevant.map((i) => events[i]!),
    );

    // Decide, in memory, which projection applies which event (and where the gaps are).
    const plan = new Map<number, Projection[]>();
    const gaps: { gap: SequenceGap; event: EventEnvelope }[] = [];
    for (const i of relevant) {
      const event = events[i]!;
      const applying: Projection[] = [];
      for (const projection of following[i]!) {
        const pos = positions.get(positionKey(event, projection.name))!;
        if (event.sequence <= pos.last) continue;
        if (event.sequence > pos.last + 1) {
          const gap = {
            projection: projection.name,
            aggregateId: event.aggregateId,
            expected: pos.last + 1,
            received: event.sequence,
          };
          gaps.push({ gap, event });
          results[i]!.gaps.push(gap);
        }
        pos.previous = pos.last;
        pos.last = event.sequence;
        pos.changed = true;
        applying.push(projection);
      }
      const reset = resets.get(event.eventId);
      if (reset) results[i]!.reset = reset;
      results[i]!.outcome = applying.length > 0 ? 'applied' : reset ? 'reset' : 'duplicate';
      if (applying.length > 0) plan.set(i, applying);
    }

    const batch = new Map<string, unknown>();
    for (const projection of this.projections) {
      if (!projection.prepare) continue;
      const mine = [...plan].filter(([, ps]) => ps.includes(projection)).map(([i]) => events[i]!);
      if (mine.length > 0) await projection.prepare(mine, { sql, batch });
    }
    for (const [i, applying] of plan) {
      const shared = new Map<string, unknown>();
      for (const projection of applying) {
        await projection.apply(events[i]!, { sql, batch, shared });
      }
    }
    for (const projection of this.projections) await projection.flush?.({ sql, batch });

    await recordGaps(sql, gaps);
    await recordResets(sql, [...resets.values()]);
    await savePositions(sql, positions);
    return results;
  }
}

const positionKey = (e: EventEnvelope, projection: string) =>
  `${e.aggregateType}\u0000${e.aggregateId}\u0000${projection}`;

/**
 * Creates the missing positions and locks all of them (a no-op update), returning where each
 * stands: a concurrent delivery of the same events waits on the row locks, then finds them
 * applied.
 */
async function lockPositions(
  sql: Sql,
  events: readonly EventEnvelope[],
  following: readonly Projection[][],
  relevant: readonly number[],
): Promise<Map<string, Position>> {
  const keys = new Map<string, [string, string, string]>();
  for (const i of relevant) {
    const e = events[i]!;
    for (const p of following[i]!) {
      keys.set(positionKey(e, p.name), [e.aggregateType, e.aggregateId, p.name]);
    }
  }
  const sorted = [...keys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = await sql.rows<{
    aggregate_type: string;
    aggregate_id: string;
    projection: string;
    last_sequence: number;
    previous_sequence: number;
  }>(
    `INSERT INTO projection_position AS pp
       (aggregate_type, aggregate_id, projection, last_sequence, previous_sequence)
     SELECT t, a, p, 0, 0 FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS k(t, a, p, n)
      ORDER BY n
     ON CONFLICT (aggregate_type, aggregate_id, projection) DO UPDATE
       SET last_sequence = pp.last_sequence
     RETURNING pp.aggregate_type, pp.aggregate_id, pp.projection, pp.last_sequence,
               pp.previous_sequence`,
    [sorted.map(([, k]) => k[0]), sorted.map(([, k]) => k[1]), sorted.map(([, k]) => k[2])],
  );
  const positions = new Map<string, Position>();
  for (const r of rows) {
    positions.set(`${r.aggregate_type}\u0000${r.aggregate_id}\u0000${r.projection}`, {
      last: r.last_sequence,
      previous: r.previous_sequence,
      changed: false,
    });
  }
  return positions;
}

async function savePositions(sql: Sql, positions: Map<string, Position>): Promise<void> {
  const changed = [...positions.entries()].filter(([, p]) => p.changed);
  if (changed.length === 0) return;
  const keys = changed.map(([k]) => k.split('\u0000'));
  await sql.exec(
    `UPDATE projection_position pp SET last_sequence = v.l, previous_sequence = v.p
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[]) AS v(t, a, pr, l, p)
      WHERE pp.aggregate_type = v.t AND pp.aggregate_id = v.a AND pp.projection = v.pr`,
    [
      keys.map((k) => k[0]),
      keys.map((k) => k[1]),
      keys.map((k) => k[2]),
      changed.map(([, p]) => p.last),
      changed.map(([, p]) => p.previous),
    ],
  );
}

/**
 * Keeps each (aggregate, sequence) with the id of the first event seen for it, and returns the
 * events of this batch that come with another id for a sequence already taken — earlier, or
 * earlier in this same batch.
 */
async function sequenceReuses(
  sql: Sql,
  events: readonly EventEnvelope[],
): Promise<Map<string, SequenceReuse>> {
  const known = await sql.rows<{ n: number; known_event_id: string }>(
    `WITH incoming AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[])
         WITH ORDINALITY AS t(aggregate_type, aggregate_id, sequence, event_id, n)),
     kept AS (
       INSERT INTO projected_event (aggregate_type, aggregate_id, sequence, event_id)
       SELECT aggregate_type, aggregate_id, sequence, event_id FROM incoming ORDER BY n
       ON CONFLICT DO NOTHING)
     SELECT i.n::int AS n, p.event_id AS known_event_id
       FROM incoming i JOIN projected_event p USING (aggregate_type, aggregate_id, sequence)
      WHERE p.event_id <> i.event_id`,
    [
      events.map((e) => e.aggregateType),
      events.map((e) => e.aggregateId),
      events.map((e) => e.sequence),
      events.map((e) => e.eventId),
    ],
  );
  const reuses = new Map<string, SequenceReuse>();
  const reuse = (e: EventEnvelope, knownEventId: string) =>
    reuses.set(e.eventId, {
      aggregateType: e.aggregateType,
      aggregateId: e.aggregateId,
      sequence: e.sequence,
      eventId: e.eventId,
      eventType: e.type,
      knownEventId,
    });
  for (const k of known) reuse(events[k.n - 1]!, k.known_event_id);
  const firstInBatch = new Map<string, string>();
  for (const e of events) {
    const key = `${e.aggregateType}\u0000${e.aggregateId}\u0000${e.sequence}`;
    const first = firstInBatch.get(key);
    if (first === undefined) firstInBatch.set(key, e.eventId);
    else if (first !== e.eventId && !reuses.has(e.eventId)) reuse(e, first);
  }
  return reuses;
}

async function recordGaps(
  sql: Sql,
  gaps: readonly { gap: SequenceGap; event: EventEnvelope }[],
): Promise<void> {
  if (gaps.length === 0) return;
  await sql.exec(
    `INSERT INTO projection_gap (projection, aggregate_type, aggregate_id, expected_sequence,
                                 received_sequence, event_id, event_type)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[],
                          $7::text[])
     ON CONFLICT DO NOTHING`,
    [
      gaps.map((g) => g.gap.projection),
      gaps.map((g) => g.event.aggregateType),
      gaps.map((g) => g.event.aggregateId),
      gaps.map((g) => g.gap.expected),
      gaps.map((g) => g.gap.received),
      gaps.map((g) => g.event.eventId),
      gaps.map((g) => g.event.type),
    ],
  );
}

async function recordResets(sql: Sql, resets: readonly SequenceReuse[]): Promise<void> {
  if (resets.length === 0) return;
  await sql.exec(
    `INSERT INTO projection_anomaly (kind, aggregate_type, aggregate_id, sequence, event_id,
                                     event_type, known_event_id)
     SELECT 'sequence_reused', * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[],
                                             $5::text[], $6::text[])
     ON CONFLICT DO NOTHING`,
    [
      resets.map((r) => r.aggregateType),
      resets.map((r) => r.aggregateId),
      resets.map((r) => r.sequence),
      resets.map((r) => r.eventId),
      resets.map((r) => r.eventType),
      resets.map((r) => r.knownEventId),
    ],
  );
}

/** Records an event the consumer gave up on (dead-lettered after failing in a projection). */
export async function recordDeadLetter(
  sql: Sql,
  event: EventEnvelope,
  source: string,
  reason: string,
): Promise<void> {
  await sql.exec(
    `INSERT INTO projection_anomaly (kind, aggregate_type, aggregate_id, sequence, event_id,
                                     event_type, source, reason)
     VALUES ('dead_lettered', $1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [
      event.aggregateType,
      event.aggregateId,
      event.sequence,
      event.eventId,
      event.type,
      source,
      reason,
    ],
  );
}
