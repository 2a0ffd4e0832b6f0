import { type EventEnvelope } from '@hotline/contracts';
import {
  monthlyUnitScores,
  type OrderOutcomeRecord,
  RANKING_GROUP_OF,
  type ReferenceData,
  type ScoreCounts,
  unitMonthScoreFromCounts,
} from '@hotline/domain';
import {
  type BatchContext,
  type Projection,
  type ProjectionContext,
} from '../../runner/projection';
import { monthOf, scoreRecordOf } from './score-record';

const RECORDS = 'unit-scores:records';
const COUNTS: readonly (keyof ScoreCounts)[] = [
  'closed',
  'excluded',
  'filtered',
  'counted',
  'respondedInTime',
  'callbacksAnswered',
  'noAnswer',
  'solved',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
];
const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const COUNT_COLUMNS = COUNTS.map(column);

interface PendingRecord {
  record: OrderOutcomeRecord;
  closure: unknown;
}

/**
 * `unit_score_record` and `unit_month_score`: each closed order's outcome for its lead unit, and
 * the unit's month. The month's counts are added to, once per new record (as libs/domain counts
 * that one record), and its rates and composite worked out by libs/domain from the summed counts
 * — the same figures as recounting the whole month, without reading it. A batch adds to all
 * its (unit, month) rows with one statement, in key order, and sets their rates with another.
 */
export function unitScoresProjection(ref: ReferenceData): Projection {
  return {
    name: 'unit-scores',
    aggregateTypes: ['order'],
    async apply(event: EventEnvelope, { batch }: ProjectionContext) {
      const record = scoreRecordOf(event);
      if (!record) return;
      let pending = batch.get(RECORDS) as PendingRecord[] | undefined;
      if (!pending) batch.set(RECORDS, (pending = []));
      pending.push({ record, closure: event.payload.closure });
    },
    async flush({ sql, batch }: BatchContext) {
      const pending = batch.get(RECORDS) as PendingRecord[] | undefined;
      if (!pending?.length) return;
      const rows = pending.map(({ record, closure }) => {
        const cb = record.callback === 'no_answer' ? null : record.callback;
        return {
          unit_id: record.unitId,
          month: monthOf(record),
          order_id: record.orderId,
          closed_at: record.closedAt.toISOString(),
          closure,
          responded_within_limit: record.respondedWithinLimit,
          callback_answered: cb !== null,
          callback_solved: cb?.solved ?? null,
          callback_satisfaction: cb?.satisfaction ?? null,
          excluded: record.excluded,
          filtered: record.filtered,
        };
      });
      // Only records new to the table count (a record is never counted twice).
      const inserted = await sql.rows<{ unit_id: string; month: string; order_id: string }>(
        `INSERT INTO unit_score_record (unit_id, month, order_id, closed_at, closure,
           responded_within_limit, callback_answered, callback_solved, callback_satisfaction,
           excluded, filtered)
         SELECT unit_id, month, order_id, closed_at, closure, responded_within_limit,
                callback_answered, callback_solved, callback_satisfaction, excluded, filtered
           FROM json_populate_recordset(NULL::unit_score_record, $1::json)
         ON CONFLICT (unit_id, month, order_id) DO NOTHING
         RETURNING unit_id, month, order_id`,
        [JSON.stringify(rows)],
      );
      const isNew = new Set(inserted.map((r) => `${r.unit_id} ${r.month} ${r.order_id}`));
      const deltas = new Map<string, { unitId: string; month: string; counts: number[] }>();
      for (const { record } of pending) {
        const month = monthOf(record);
        if (!isNew.has(`${record.unitId} ${month} ${record.orderId}`)) continue;
        const [one] = monthlyUnitScores([record], ref.policy);
        if (!one) continue;
        const key = `${month} ${record.unitId}`;
        const d = deltas.get(key) ?? { unitId: record.unitId, month, counts: COUNTS.map(() => 0) };
        deltas.set(key, d);
        COUNTS.forEach((c, i) => (d.counts[i]! += one.counts[c]));
      }
      await addToMonths(
        sql,
        ref,
        [...deltas.keys()].sort().map((key) => deltas.get(key)!),
      );
    },
  };
}

/**
 * Adds the deltas to their months (in key order: concurrent partitions lock the rows in the
 * same order) and sets each month's rates and composite from its new counts: two statements.
 */
async function addToMonths(
  sql: BatchContext['sql'],
  ref: ReferenceData,
  deltas: readonly { unitId: string; month: string; counts: number[] }[],
) {
  if (deltas.length === 0) return;
  const rows = deltas.map((d) => {
    const unit = ref.index.units.get(d.unitId);
    return {
      month: d.month,
      unit_id: d.unitId,
      ranking_group: unit ? RANKING_GROUP_OF[unit.kind] : null,
      ...Object.fromEntries(COUNT_COLUMNS.map((c, i) => [c, d.counts[i]])),
    };
  });
  const totals = await sql.rows<Record<string, number> & { month: string; unit_id: string }>(
    `INSERT INTO unit_month_score (month, unit_id, ranking_group, ${COUNT_COLUMNS.join(', ')})
     SELECT month, unit_id, ranking_group, ${COUNT_COLUMNS.join(', ')}
       FROM json_populate_recordset(NULL::unit_month_score, $1::json)
     ON CONFLICT (month, unit_id) DO UPDATE SET ranking_group = EXCLUDED.ranking_group,
       ${COUNT_COLUMNS.map((c) => `${c} = unit_month_score.${c} + EXCLUDED.${c}`).join(', ')}
     RETURNING month, unit_id, ${COUNT_COLUMNS.join(', ')}`,
    [JSON.stringify(rows)],
  );
  const scores = totals.map((row) => {
    const counts = Object.fromEntries(
      COUNTS.map((c) => [c, row[column(c)]!]),
    ) as unknown as ScoreCounts;
    const score = unitMonthScoreFromCounts(row.unit_id, row.month, counts, ref.policy);
    return {
      month: row.month,
      unit_id: row.unit_id,
      response_rate: score.responseRate,
      resolution_rate: score.resolutionRate,
      satisfaction_rate: score.satisfactionRate,
      composite: score.composite,
    };
  });
  await sql.exec(
    `UPDATE unit_month_score u SET response_rate = v.response_rate,
       resolution_rate = v.resolution_rate, satisfaction_rate = v.satisfaction_rate,
       composite = v.composite
      FROM json_to_recordset($1::json) AS v(month text, unit_id text,
        response_rate double precision, resolution_rate double precision,
        satisfaction_rate double precision, composite double precision)
     WHERE u.month = v.month AND u.unit_id = v.unit_id`,
    [JSON.stringify(scores)],
  );
}
