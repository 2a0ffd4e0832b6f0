import { type ObjectLiteral, QueryFailedError, type SelectQueryBuilder } from 'typeorm';
import {
  type CursorKind,
  cursorRefusal,
  decodeCursor,
  encodeCursor,
  type Page,
} from './list-query';

export interface KeysetKey<T> {
  sql: string;
  value: (row: T) => string | number | null;
  /** What the cursor holds for this key, checked before it reaches SQL (default: text). */
  kind?: CursorKind;
}

/**
 * Keyset pagination on a query builder: ordered by `keys` (SQL expressions, the last one unique),
 * all in one direction, and starting after the cursor's row. Fetches one row more than asked to
 * know whether there is a next page. A cursor this list did not give out is a 400, never a 500:
 * its values are checked against each key's kind, and a value the database still cannot compare
 * (a data exception, SQLSTATE class 22) is refused the same way.
 */
export async function keysetPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  keys: KeysetKey<T>[],
  direction: 'ASC' | 'DESC',
  page: { limit: number; cursor?: string },
): Promise<Page<T>> {
  if (page.cursor) {
    const values = decodeCursor(
      page.cursor,
      keys.map((k) => k.kind ?? 'text'),
    );
    const params = Object.fromEntries(values.map((v, i) => [`cursor${i}`, v]));
    qb.andWhere(
      `(${keys.map((k) => k.sql).join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${values
        .map((_, i) => `:cursor${i}`)
        .join(', ')})`,
      params,
    );
  }
  keys.forEach((k, i) =>
    i === 0 ? qb.orderBy(k.sql, direction) : qb.addOrderBy(k.sql, direction),
  );
  let rows: T[];
  try {
    rows = await qb.limit(page.limit + 1).getMany();
  } catch (err) {
    const code = (err as { driverError?: { code?: unknown } }).driverError?.code;
    if (page.cursor && err instanceof QueryFailedError && String(code).startsWith('22'))
      throw cursorRefusal();
    throw err;
  }
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > page.limit && last ? encodeCursor(keys.map((k) => k.value(last))) : null,
  };
}

export const iso = (d: Date | null) => (d ? d.toISOString() : null);
