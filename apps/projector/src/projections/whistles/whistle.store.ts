import { type Sql } from '../../runner/sql';
import { type DepartmentPart, type WhistleSnapshot } from './whistle-snapshot';

/** The whistle's row in `whistle_board` and its departments' rows in `whistle_department`. */

const BOARD = {
  whistleId: 'whistle_id',
  level: 'level',
  streetId: 'street_id',
  ownerUnitId: 'owner_unit_id',
  whistleType: 'whistle_type',
  matterTypeCode: 'matter_type_code',
  title: 'title',
  linkedOrderIds: 'linked_order_ids',
  escalatedFromWhistleId: 'escalated_from_whistle_id',
  status: 'status',
  blownAt: 'blown_at',
  month: 'month',
  reportBy: 'report_by',
  escalated: 'escalated',
  districtWhistleId: 'district_whistle_id',
  outcome: 'outcome',
  closedAt: 'closed_at',
  lastSequence: 'last_sequence',
  updatedAt: 'updated_at',
} as const satisfies Partial<Record<keyof WhistleSnapshot, string>>;

const DEPARTMENT = {
  departmentId: 'department_id',
  report: 'report',
  reportMode: 'report_mode',
  reportedAt: 'reported_at',
  commitment: 'commitment',
  commitmentDueBy: 'commitment_due_by',
  completedAt: 'completed_at',
  verified: 'verified',
  misses: 'misses',
  urges: 'urges',
  escalations: 'escalations',
  counted: 'counted',
  timeliness: 'timeliness',
  commitmentRating: 'commitment_rating',
  result: 'result',
  score: 'score',
} as const satisfies Record<keyof DepartmentPart, string>;

/** Counts the board shows, derived from the departments. */
const COUNTS = ['departments', 'reported', 'missed_reports', 'committed', 'completed', 'verified'];

function fromRow<T>(row: Record<string, unknown>, columns: Record<string, string>): T {
  const out: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(columns)) {
    const value = row[column];
    out[field] = value instanceof Date ? value.toISOString() : value;
  }
  return out as T;
}

const upsert = (table: string, columns: string[], keys: string[]) =>
  `INSERT INTO ${table} (${columns.join(', ')})
   VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
   ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${columns
     .filter((c) => !keys.includes(c))
     .map((c) => `${c} = EXCLUDED.${c}`)
     .join(', ')}`;

const BOARD_COLUMNS = [...Object.values(BOARD), ...COUNTS];
const DEPARTMENT_COLUMNS = ['whistle_id', 'month', ...Object.values(DEPARTMENT)];
const UPSERT_BOARD = upsert('whistle_board', BOARD_COLUMNS, ['whistle_id']);
const UPSERT_DEPARTMENT = upsert('whistle_department', DEPARTMENT_COLUMNS, [
  'whistle_id',
  'department_id',
]);

export async function loadWhistle(sql: Sql, whistleId: string): Promise<WhistleSnapshot | null> {
  const board = await sql.maybeOne<Record<string, unknown>>(
    `SELECT ${Object.values(BOARD).join(', ')} FROM whistle_board WHERE whistle_id = $1`,
    [whistleId],
  );
  if (!board) return null;
  const departments = await sql.rows<Record<string, unknown>>(
    `SELECT ${Object.values(DEPARTMENT).join(', ')} FROM whistle_department
      WHERE whistle_id = $1 ORDER BY department_id`,
    [whistleId],
  );
  return {
    ...fromRow<Omit<WhistleSnapshot, 'departments'>>(board, BOARD),
    departments: departments.map((d) => fromRow<DepartmentPart>(d, DEPARTMENT)),
  };
}

export async function saveWhistle(sql: Sql, s: WhistleSnapshot): Promise<void> {
  const ds = s.departments;
  const count = (p: (d: DepartmentPart) => boolean) => ds.filter(p).length;
  await sql.exec(UPSERT_BOARD, [
    ...Object.keys(BOARD).map((field) => s[field as keyof typeof BOARD]),
    ds.length,
    count((d) => d.report === 'on_time' || d.report === 'late'),
    count((d) => d.report === 'missed'),
    count((d) => d.commitment === 'made'),
    count((d) => d.completedAt !== null),
    count((d) => d.verified === true),
  ]);
  for (const d of ds) {
    await sql.exec(UPSERT_DEPARTMENT, [
      s.whistleId,
      s.month,
      ...Object.keys(DEPARTMENT).map((field) => d[field as keyof DepartmentPart]),
    ]);
  }
}
