import { type EventEnvelope } from '@hotline/contracts';
import {
  monthlyUnitScores,
  type OrderOutcomeRecord,
  RANKING_GROUP_OF,
  type ReferenceData,
  type Satisfaction,
} from '@hotline/domain';
import { type Projection, type ProjectionContext } from '../../runner/projection';
import { type Sql } from '../../runner/sql';
import { monthOf, scoreRecordOf } from './score-record';

interface RecordRow {
  order_id: string;
  closed_at: Date;
  responded_within_limit: boolean;
  callback_answered: boolean;
  callback_solved: boolean | null;
  callback_satisfaction: Satisfaction | null;
  excluded: boolean;
  filtered: boolean;
}

/**
 * `unit_score_record` and `unit_month_score`: each closed order's outcome for its lead unit, and
 * the unit's month recomputed from all its records by libs/domain (三率, composite, exclusions).
 * Recomputing the whole month keeps the scores exactly what the domain rules say.
 */
export function unitScoresProjection(ref: ReferenceData): Projection {
  return {
    name: 'unit-scores',
    aggregateTypes: ['order'],
    async apply(event: EventEnvelope, { sql }: ProjectionContext) {
      const record = scoreRecordOf(event);
      if (!record) return;
      const month = monthOf(record);
      const cb = record.callback === 'no_answer' ? null : record.callback;
      await sql.exec(
        `INSERT INTO unit_score_record (unit_id, month, order_id, closed_at, closure,
           responded_within_limit, callback_answered, callback_solved, callback_satisfaction,
           excluded, filtered)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (unit_id, month, order_id) DO NOTHING`,
        [
          record.unitId,
          month,
          record.orderId,
          record.closedAt,
          event.payload.closure,
          record.respondedWithinLimit,
          cb !== null,
          cb?.solved ?? null,
          cb?.satisfaction ?? null,
          record.excluded,
          record.filtered,
        ],
      );
      await recomputeMonth(sql, ref, record.unitId, month);
    },
  };
}

async function recomputeMonth(sql: Sql, ref: ReferenceData, unitId: string, month: string) {
  const rows = await sql.rows<RecordRow>(
    `SELECT order_id, closed_at, responded_within_limit, callback_answered, callback_solved,
            callback_satisfaction, excluded, filtered
       FROM unit_score_record WHERE unit_id = $1 AND month = $2`,
    [unitId, month],
  );
  const records: OrderOutcomeRecord[] = rows.map((r) => ({
    orderId: r.order_id,
    unitId,
    closedAt: r.closed_at,
    respondedWithinLimit: r.responded_within_limit,
    callback:
      r.callback_answered && r.callback_satisfaction
        ? { solved: r.callback_solved === true, satisfaction: r.callback_satisfaction }
        : 'no_answer',
    excluded: r.excluded,
    filtered: r.filtered,
  }));
  const [score] = monthlyUnitScores(records, ref.policy);
  if (!score) return;
  const unit = ref.index.units.get(unitId);
  const c = score.counts;
  await sql.exec(
    `INSERT INTO unit_month_score (month, unit_id, ranking_group, closed, excluded, filtered,
       counted, responded_in_time, callbacks_answered, no_answer, solved, satisfied,
       basically_satisfied, dissatisfied, response_rate, resolution_rate, satisfaction_rate, composite)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     ON CONFLICT (month, unit_id) DO UPDATE SET
       ranking_group = EXCLUDED.ranking_group, closed = EXCLUDED.closed,
       excluded = EXCLUDED.excluded, filtered = EXCLUDED.filtered, counted = EXCLUDED.counted,
       responded_in_time = EXCLUDED.responded_in_time,
       callbacks_answered = EXCLUDED.callbacks_answered, no_answer = EXCLUDED.no_answer,
       solved = EXCLUDED.solved, satisfied = EXCLUDED.satisfied,
       basically_satisfied = EXCLUDED.basically_satisfied, dissatisfied = EXCLUDED.dissatisfied,
       response_rate = EXCLUDED.response_rate, resolution_rate = EXCLUDED.resolution_rate,
       satisfaction_rate = EXCLUDED.satisfaction_rate, composite = EXCLUDED.composite`,
    [
      month,
      unitId,
      unit ? RANKING_GROUP_OF[unit.kind] : null,
      c.closed,
      c.excluded,
      c.filtered,
      c.counted,
      c.respondedInTime,
      c.callbacksAnswered,
      c.noAnswer,
      c.solved,
      c.satisfied,
      c.basicallySatisfied,
      c.dissatisfied,
      score.responseRate,
      score.resolutionRate,
      score.satisfactionRate,
      score.composite,
    ],
  );
}
