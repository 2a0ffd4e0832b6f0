import { type Sql } from '../../runner/sql';
import { type DepartmentPart, type WhistleSnapshot } from './whistle-snapshot';

interface BoardRow {
  whistle_id: string;
  street_id: string;
  whistle_type: string;
  matter_type_code: string | null;
  title: string | null;
  order_id: string | null;
  status: string;
  blown_at: Date;
  month: string;
  report_by: Date | null;
  escalated: boolean;
  district_whistle_id: string | null;
  outcome: string | null;
  closed_at: Date | null;
  last_sequence: number;
  updated_at: Date;
}

interface DepartmentRow {
  department_id: string;
  report: DepartmentPart['report'];
  report_mode: string | null;
  reported_at: Date | null;
  commitment: DepartmentPart['commitment'];
  commitment_due_by: Date | null;
  completed_at: Date | null;
  verified: boolean | null;
  timeliness: number | null;
  commitment_rating: number | null;
  result: number | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function loadWhistle(sql: Sql, whistleId: string): Promise<WhistleSnapshot | null> {
  const b = await sql.maybeOne<BoardRow>(
    `SELECT whistle_id, street_id, whistle_type, matter_type_code, title, order_id, status, blown_at,
            month, report_by, escalated, district_whistle_id, outcome, closed_at, last_sequence,
            updated_at
       FROM whistle_board WHERE whistle_id = $1`,
    [whistleId],
  );
  if (!b) return null;
  const departments = await sql.rows<DepartmentRow>(
    `SELECT department_id, report, report_mode, reported_at, commitment, commitment_due_by,
            completed_at, verified, timeliness, commitment_rating, result
       FROM whistle_department WHERE whistle_id = $1 ORDER BY department_id`,
    [whistleId],
  );
  return {
    whistleId: b.whistle_id,
    streetId: b.street_id,
    whistleType: b.whistle_type,
    matterTypeCode: b.matter_type_code,
    title: b.title,
    orderId: b.order_id,
    status: b.status,
    blownAt: b.blown_at.toISOString(),
    month: b.month,
    reportBy: iso(b.report_by),
    escalated: b.escalated,
    districtWhistleId: b.district_whistle_id,
    outcome: b.outcome,
    closedAt: iso(b.closed_at),
    lastSequence: b.last_sequence,
    updatedAt: b.updated_at.toISOString(),
    departments: departments.map((d) => ({
      departmentId: d.department_id,
      report: d.report,
      reportMode: d.report_mode,
      reportedAt: iso(d.reported_at),
      commitment: d.commitment,
      commitmentDueBy: iso(d.commitment_due_by),
      completedAt: iso(d.completed_at),
      verified: d.verified,
      timeliness: d.timeliness,
      commitmentRating: d.commitment_rating,
      result: d.result,
    })),
  };
}

export async function saveWhistle(sql: Sql, s: WhistleSnapshot): Promise<void> {
  const ds = s.departments;
  const count = (p: (d: DepartmentPart) => boolean) => ds.filter(p).length;
  await sql.exec(
    `INSERT INTO whistle_board (whistle_id, street_id, whistle_type, matter_type_code, title,
       order_id, status, blown_at, month, report_by, departments, reported, missed_reports,
       committed, completed, verified, escalated, district_whistle_id, outcome, closed_at,
       last_sequence, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
             $20, $21, $22)
     ON CONFLICT (whistle_id) DO UPDATE SET status = EXCLUDED.status,
       departments = EXCLUDED.departments, reported = EXCLUDED.reported,
       missed_reports = EXCLUDED.missed_reports, committed = EXCLUDED.committed,
       completed = EXCLUDED.completed, verified = EXCLUDED.verified,
       escalated = EXCLUDED.escalated, district_whistle_id = EXCLUDED.district_whistle_id,
       outcome = EXCLUDED.outcome, closed_at = EXCLUDED.closed_at,
       last_sequence = EXCLUDED.last_sequence, updated_at = EXCLUDED.updated_at`,
    [
      s.whistleId,
      s.streetId,
      s.whistleType,
      s.matterTypeCode,
      s.title,
      s.orderId,
      s.status,
      s.blownAt,
      s.month,
      s.reportBy,
      ds.length,
      count((d) => d.report === 'on_time' || d.report === 'late'),
      count((d) => d.report === 'missed'),
      count((d) => d.commitment === 'made'),
      count((d) => d.completedAt !== null),
      count((d) => d.verified === true),
      s.escalated,
      s.districtWhistleId,
      s.outcome,
      s.closedAt,
      s.lastSequence,
      s.updatedAt,
    ],
  );
  for (const d of ds) {
    await sql.exec(
      `INSERT INTO whistle_department (whistle_id, department_id, month, report, report_mode,
         reported_at, commitment, commitment_due_by, completed_at, verified, timeliness,
         commitment_rating, result)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (whistle_id, department_id) DO UPDATE SET report = EXCLUDED.report,
         report_mode = EXCLUDED.report_mode, reported_at = EXCLUDED.reported_at,
         commitment = EXCLUDED.commitment, commitment_due_by = EXCLUDED.commitment_due_by,
         completed_at = EXCLUDED.completed_at, verified = EXCLUDED.verified,
         timeliness = EXCLUDED.timeliness, commitment_rating = EXCLUDED.commitment_rating,
         result = EXCLUDED.result`,
      [
        s.whistleId,
        d.departmentId,
        s.month,
        d.report,
        d.reportMode,
        d.reportedAt,
        d.commitment,
        d.commitmentDueBy,
        d.completedAt,
        d.verified,
        d.timeliness,
        d.commitmentRating,
        d.result,
      ],
    );
  }
}
