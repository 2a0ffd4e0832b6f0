import { type EventEnvelope } from '@hotline/contracts';
import { type ReferenceData, whistleDepartmentEvaluation } from '@hotline/domain';
import {
  type BatchContext,
  type Projection,
  type ProjectionContext,
} from '../../runner/projection';
import { type Sql } from '../../runner/sql';
import { loadWhistles, saveWhistles } from './whistle.store';
import {
  type DepartmentPart,
  evolveWhistle,
  participation,
  type WhistleSnapshot,
} from './whistle-snapshot';

/** The batch's whistles: read once at the start, written once at the end. */
interface WhistleRows {
  current: Map<string, WhistleSnapshot | null>;
  dirty: Set<string>;
  /** (department, month) pairs whose evaluation is recounted at the end, by key. */
  touched: Map<string, { departmentId: string; month: string }>;
}

const ROWS = 'whistles:rows';

function rowsOf(batch: Map<string, unknown>): WhistleRows {
  let rows = batch.get(ROWS) as WhistleRows | undefined;
  if (!rows) batch.set(ROWS, (rows = { current: new Map(), dirty: new Set(), touched: new Map() }));
  return rows;
}

async function load(sql: Sql, rows: WhistleRows, ids: readonly string[]) {
  const missing = [...new Set(ids)].filter((id) => !rows.current.has(id));
  if (missing.length === 0) return;
  const loaded = await loadWhistles(sql, missing);
  for (const id of missing) rows.current.set(id, loaded.get(id) ?? null);
}

/**
 * `whistle_board`, `whistle_department` and `department_evaluation`: each whistle and where each
 * summoned department stands (报到, 表态, done, 核查), and every department's month recomputed
 * by libs/domain's evaluation (一哨一考核) whenever one of its parts changes. A batch reads its
 * whistles once, folds their events in memory, writes them once, and recounts each touched
 * department's month once at the end, from the rows as they then stand — what recounting after
 * every event would leave.
 */
export function whistlesProjection(ref: ReferenceData): Projection {
  return {
    name: 'whistles',
    aggregateTypes: ['whistle'],
    async prepare(events: readonly EventEnvelope[], { sql, batch }: BatchContext) {
      await load(
        sql,
        rowsOf(batch),
        events.filter((e) => e.type !== 'WhistleBlown').map((e) => e.aggregateId),
      );
    },
    async apply(event: EventEnvelope, { sql, batch }: ProjectionContext) {
      const rows = rowsOf(batch);
      let before: WhistleSnapshot | null = null;
      if (event.type !== 'WhistleBlown') {
        await load(sql, rows, [event.aggregateId]);
        before = rows.current.get(event.aggregateId) ?? null;
      }
      const after = evolveWhistle(before, event);
      if (!after) return;
      rows.current.set(event.aggregateId, after);
      rows.dirty.add(event.aggregateId);
      for (const departmentId of changedDepartments(before, after)) {
        rows.touched.set(`${departmentId} ${after.month}`, { departmentId, month: after.month });
      }
    },
    async flush({ sql, batch }: BatchContext) {
      const rows = batch.get(ROWS) as WhistleRows | undefined;
      if (!rows || rows.dirty.size === 0) return;
      await saveWhistles(
        sql,
        [...rows.dirty].sort().map((id) => rows.current.get(id)!),
      );
      if (rows.touched.size > 0) await recomputeEvaluations(sql, ref, rows.touched);
    },
  };
}

function changedDepartments(before: WhistleSnapshot | null, after: WhistleSnapshot): string[] {
  const was = new Map((before?.departments ?? []).map((d) => [d.departmentId, JSON.stringify(d)]));
  const closing = !before?.closedAt && after.closedAt;
  return after.departments
    .filter((d) => closing || was.get(d.departmentId) !== JSON.stringify(d))
    .map((d) => d.departmentId);
}

async function recomputeEvaluations(
  sql: Sql,
  ref: ReferenceData,
  touched: Map<string, { departmentId: string; month: string }>,
) {
  const keys = [...touched.keys()].sort();
  const pairs = keys.map((k) => touched.get(k)!);
  // Partitions are projected concurrently: one department's month is recounted one transaction
  // at a time, so the last to commit sees every whistle. Locks taken in key order, one statement.
  await sql.exec(
    `SELECT count(pg_advisory_xact_lock(hashtext('department-evaluation'), hashtext(k)))
       FROM unnest($1::text[]) WITH ORDINALITY AS t(k, n)`,
    [keys],
  );
  const rows = await sql.rows<{
    department_id: string;
    month: string;
    whistle_id: string;
    closed: boolean;
    report: DepartmentPart['report'];
    commitment: DepartmentPart['commitment'];
    counted: boolean | null;
    timeliness: number | null;
    commitment_rating: number | null;
    result: number | null;
  }>(
    `SELECT d.department_id, d.month, d.whistle_id, b.closed_at IS NOT NULL AS closed, d.report,
            d.commitment, d.counted, d.timeliness, d.commitment_rating, d.result
       FROM unnest($1::text[], $2::text[]) AS k(department_id, month)
       JOIN whistle_department d ON d.department_id = k.department_id AND d.month = k.month
       JOIN whistle_board b ON b.whistle_id = d.whistle_id
      ORDER BY d.department_id, d.month, d.whistle_id`,
    [pairs.map((p) => p.departmentId), pairs.map((p) => p.month)],
  );
  const partsOf = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.department_id} ${r.month}`;
    const list = partsOf.get(key) ?? [];
    partsOf.set(key, list);
    list.push(r);
  }
  const gone: { departmentId: string; month: string }[] = [];
  const kept: Record<string, unknown>[] = [];
  for (const key of keys) {
    const { departmentId, month } = touched.get(key)!;
    const parts = (partsOf.get(key) ?? [])
      .map((r) =>
        participation(r.whistle_id, r.closed, {
          departmentId,
          report: r.report,
          commitment: r.commitment,
          counted: r.counted,
          timeliness: r.timeliness,
          commitmentRating: r.commitment_rating,
          result: r.result,
        }),
      )
      .filter((p) => p !== null);
    const [e] = whistleDepartmentEvaluation(parts, ref.policy);
    if (!e) {
      gone.push({ departmentId, month });
      continue;
    }
    kept.push({
      month,
      department_id: departmentId,
      whistles: e.whistles,
      rated_whistles: e.ratedWhistles,
      late_reports: e.lateReports,
      missed_reports: e.missedReports,
      missed_commitments: e.missedCommitments,
      timeliness: e.timeliness,
      commitment: e.commitment,
      result: e.result,
      overall: e.overall,
      score: e.score,
      uniform_top_marks: e.uniformTopMarks,
    });
  }
  if (gone.length > 0)
    await sql.exec(
      `DELETE FROM department_evaluation e
        USING unnest($1::text[], $2::text[]) AS g(month, department_id)
        WHERE e.month = g.month AND e.department_id = g.department_id`,
      [gone.map((g) => g.month), gone.map((g) => g.departmentId)],
    );
  if (kept.length === 0) return;
  await sql.exec(
    `INSERT INTO department_evaluation (month, department_id, whistles, rated_whistles,
       late_reports, missed_reports, missed_commitments, timeliness, commitment, result, overall,
       score, uniform_top_marks)
     SELECT month, department_id, whistles, rated_whistles, late_reports, missed_reports,
            missed_commitments, timeliness, commitment, result, overall, score, uniform_top_marks
       FROM json_populate_recordset(NULL::department_evaluation, $1::json)
     ON CONFLICT (month, department_id) DO UPDATE SET whistles = EXCLUDED.whistles,
       rated_whistles = EXCLUDED.rated_whistles, late_reports = EXCLUDED.late_reports,
       missed_reports = EXCLUDED.missed_reports, missed_commitments = EXCLUDED.missed_commitments,
       timeliness = EXCLUDED.timeliness, commitment = EXCLUDED.commitment,
       result = EXCLUDED.result, overall = EXCLUDED.overall, score = EXCLUDED.score,
       uniform_top_marks = EXCLUDED.uniform_top_marks`,
    [JSON.stringify(kept)],
  );
}
