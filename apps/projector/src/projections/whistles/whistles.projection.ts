import { type EventEnvelope } from '@hotline/contracts';
import { type ReferenceData, whistleDepartmentEvaluation } from '@hotline/domain';
import { type Projection, type ProjectionContext } from '../../runner/projection';
import { type Sql } from '../../runner/sql';
import { loadWhistle, saveWhistle } from './whistle.store';
import {
  type DepartmentPart,
  evolveWhistle,
  participation,
  type WhistleSnapshot,
} from './whistle-snapshot';

/**
 * `whistle_board`, `whistle_department` and `department_evaluation`: each whistle and where each
 * summoned department stands (报到, 表态, done, 核查), and every department's month recomputed
 * by libs/domain's evaluation (一哨一考核) whenever one of its parts changes.
 */
export function whistlesProjection(ref: ReferenceData): Projection {
  return {
    name: 'whistles',
    aggregateTypes: ['whistle'],
    async apply(event: EventEnvelope, { sql }: ProjectionContext) {
      const before =
        event.type === 'WhistleBlown' ? null : await loadWhistle(sql, event.aggregateId);
      const after = evolveWhistle(before, event);
      if (!after) return;
      await saveWhistle(sql, after);
      for (const departmentId of changedDepartments(before, after)) {
        await recomputeEvaluation(sql, ref, departmentId, after.month);
      }
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

async function recomputeEvaluation(
  sql: Sql,
  ref: ReferenceData,
  departmentId: string,
  month: string,
) {
  // Partitions are projected concurrently: one department's month is recounted one transaction
  // at a time, so the last to commit sees every whistle.
  await sql.exec(`SELECT pg_advisory_xact_lock(hashtext('department-evaluation'), hashtext($1))`, [
    `${departmentId} ${month}`,
  ]);
  const rows = await sql.rows<{
    whistle_id: string;
    closed: boolean;
    report: DepartmentPart['report'];
    commitment: DepartmentPart['commitment'];
    counted: boolean | null;
    timeliness: number | null;
    commitment_rating: number | null;
    result: number | null;
  }>(
    `SELECT d.whistle_id, b.closed_at IS NOT NULL AS closed, d.report, d.commitment, d.counted,
            d.timeliness,
            d.commitment_rating, d.result
       FROM whistle_department d JOIN whistle_board b ON b.whistle_id = d.whistle_id
      WHERE d.department_id = $1 AND d.month = $2 ORDER BY d.whistle_id`,
    [departmentId, month],
  );
  const parts = rows
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
    await sql.exec(`DELETE FROM department_evaluation WHERE month = $1 AND department_id = $2`, [
      month,
      departmentId,
    ]);
    return;
  }
  await sql.exec(
    `INSERT INTO department_evaluation (month, department_id, whistles, rated_whistles,
       late_reports, missed_reports, missed_commitments, timeliness, commitment, result, overall,
       score, uniform_top_marks)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (month, department_id) DO UPDATE SET whistles = EXCLUDED.whistles,
       rated_whistles = EXCLUDED.rated_whistles, late_reports = EXCLUDED.late_reports,
       missed_reports = EXCLUDED.missed_reports, missed_commitments = EXCLUDED.missed_commitments,
       timeliness = EXCLUDED.timeliness, commitment = EXCLUDED.commitment,
       result = EXCLUDED.result, overall = EXCLUDED.overall, score = EXCLUDED.score,
       uniform_top_marks = EXCLUDED.uniform_top_marks`,
    [
      month,
      departmentId,
      e.whistles,
      e.ratedWhistles,
      e.lateReports,
      e.missedReports,
      e.missedCommitments,
      e.timeliness,
      e.commitment,
      e.result,
      e.overall,
      e.score,
      e.uniformTopMarks,
    ],
  );
}
