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
 * — the same figures as recounting the whole month, without reading it. A batch adds each
 * (unit, month) once, in key order.
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
      for (const key of [...deltas.keys()].sort()) {
        const d = deltas.get(key)!;
        await addToMonth(sql, ref, d.unitId, d.month, d.counts);
      }
    },
  };
}

async function addToMonth(
  sql: BatchContext['sql'],
  ref: ReferenceData,
  unitId: string,
  month: string,
  delta: number[],
) {
  const unit = ref.index.units.get(unitId);
  const [row] = await sql.rows<Record<string, number>>(
    `INSERT INTO unit_month_score (month, unit_id, ranking_group, ${COUNT_COLUMNS.join(', ')})
     VALUES ($1, $2, $3, ${COUNT_COLUMNS.map((_, i) => `$${i + 4}`).join(', ')})
     ON CONFLICT (month, unit_id) DO UPDATE SET ranking_group = EXCLUDED.ranking_group,
       ${COUNT_COLUMNS.map((c) => `${c} = unit_month_score.${c} + EXCLUDED.${c}`).join(', ')}
     RETURNING ${COUNT_COLUMNS.join(', ')}`,
    [month, unitId, unit ? RANKING_GROUP_OF[unit.kind] : null, ...delta],
  );
  const counts = Object.fromEntries(
    COUNTS.map((c) => [c, row![column(c)]!]),
  ) as unknown as ScoreCounts;
  const score = unitMonthScoreFromCounts(unitId, month, counts, ref.policy);
  await sql.exec(
    `UPDATE unit_month_score SET response_rate = $3, resolution_rate = $4, satisfaction_rate = $5,
       composite = $6 WHERE month = $1 AND unit_id = $2`,
    [
      month,
      unitId,
      score.responseRate,
      score.resolutionRate,
      score.satisfactionRate,
      score.composite,
    ],
  );
}
