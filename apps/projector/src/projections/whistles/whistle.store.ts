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

/** Any number of rows in one statement: the rows as one JSON array, typed by the table. */
const upsert = (table: string, columns: string[], keys: string[]) =>
  `INSERT INTO ${table} (${columns.join(', ')})
   SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${table}, $1::json)
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

/** The whistles' rows as snapshots, by whistle id (two statements, whatever their number). */
export async function loadWhistles(
  sql: Sql,
  whistleIds: readonly string[],
): Promise<Map<string, WhistleSnapshot>> {
  const out = new Map<string, WhistleSnapshot>();
  if (whistleIds.length === 0) return out;
  const boards = await sql.rows<Record<string, unknown>>(
    `SELECT ${Object.values(BOARD).join(', ')} FROM whistle_board
      WHERE whistle_id = ANY($1::text[])`,
    [whistleIds],
  );
  if (boards.length === 0) return out;
  const departments = await sql.rows<Record<string, unknown>>(
    `SELECT whistle_id, ${Object.values(DEPARTMENT).join(', ')} FROM whistle_department
      WHERE whistle_id = ANY($1::text[]) ORDER BY whistle_id, department_id`,
    [boards.map((b) => b.whistle_id)],
  );
  for (const board of boards) {
    out.set(board.whistle_id as string, {
      ...fromRow<Omit<WhistleSnapshot, 'departments'>>(board, BOARD),
      departments: [],
    });
  }
  for (const d of departments) {
    out.get(d.whistle_id as string)!.departments.push(fromRow<DepartmentPart>(d, DEPARTMENT));
  }
  return out;
}

/** Writes the whistles and their departments: one statement each, whatever their number. */
export async function saveWhistles(sql: Sql, snapshots: readonly WhistleSnapshot[]): Promise<void> {
  if (snapshots.length === 0) return;
  const boards = snapshots.map((s) => {
    const ds = s.departments;
    const count = (p: (d: DepartmentPart) => boolean) => ds.filter(p).length;
    const row: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(BOARD))
      row[column] = s[field as keyof typeof BOARD];
    return Object.assign(row, {
      departments: ds.length,
      reported: count((d) => d.report === 'on_time' || d.report === 'late'),
      missed_reports: count((d) => d.report === 'missed'),
      committed: count((d) => d.commitment === 'made'),
      completed: count((d) => d.completedAt !== null),
      verified: count((d) => d.verified === true),
    });
  });
  await sql.exec(UPSERT_BOARD, [JSON.stringify(boards)]);
  const departments = snapshots.flatMap((s) =>
    s.departments.map((d) => {
      const row: Record<string, unknown> = { whistle_id: s.whistleId, month: s.month };
      for (const [field, column] of Object.entries(DEPARTMENT))
        row[column] = d[field as keyof DepartmentPart];
      return row;
    }),
  );
  if (departments.length > 0) await sql.exec(UPSERT_DEPARTMENT, [JSON.stringify(departments)]);
}
