import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor, type Page } from './list-query';

/**
 * Keyset pagination on a query builder: ordered by `keys` (SQL expressions, the last one unique),
 * all in one direction, and starting after the cursor's row. Fetches one row more than asked to
 * know whether there is a next page.
 */
export async function keysetPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  keys: { sql: string; value: (row: T) => string | number | null }[],
  direction: 'ASC' | 'DESC',
  page: { limit: number; cursor?: string },
): Promise<Page<T>> {
  if (page.cursor) {
    const values = decodeCursor(page.cursor, keys.length);
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
  const rows = await qb.limit(page.limit + 1).getMany();
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > page.limit && last ? encodeCursor(keys.map((k) => k.value(last))) : null,
  };
}

export const iso = (d: Date | null) => (d ? d.toISOString() : null);
