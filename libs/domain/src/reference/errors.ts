import { REFERENCE_FILES, type ReferenceFileKey } from './types';

/** One problem in the data, located by file, row (1-based, in the file's main list) and field. */
export interface ReferenceProblem {
  readonly file: (typeof REFERENCE_FILES)[ReferenceFileKey];
  readonly row: number | null;
  /** The row's own id, e.g. `matter CG-031`, so the row can be found without counting. */
  readonly rowLabel: string | null;
  /** JSON path inside the row (or the file when there are no rows), e.g. `communities[0].grids[1].id`. */
  readonly field: string | null;
  readonly message: string;
}

export function formatProblem(p: ReferenceProblem): string {
  const row = p.row === null ? '' : ` row ${p.row}${p.rowLabel ? ` (${p.rowLabel})` : ''}`;
  const field = p.field ? ` field ${p.field}` : '';
  return `${p.file}${row}${field}: ${p.message}`;
}

/**
 * Bad reference data. The message names the first problem; `problems` lists them all, so an
 * editor fixing a file sees everything at once.
 */
export class ReferenceDataError extends Error {
  override readonly name = 'ReferenceDataError';

  constructor(readonly problems: readonly ReferenceProblem[]) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
    super(`${formatProblem(problems[0])}${more}`);
  }
}

/** `['communities', 0, 'grids', 1, 'id']` → `communities[0].grids[1].id` */
export function formatPath(path: readonly PropertyKey[]): string | null {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || null;
}
