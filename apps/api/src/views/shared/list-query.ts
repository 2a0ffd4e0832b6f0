import { ORDER_STATUSES } from '@hotline/contracts';
import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

/**
 * The query string every list of the read models understands: `limit` and an opaque `cursor`
 * (keyset pagination: the next page starts after the last row's sort key, so pages stay stable
 * while new rows arrive), and the common filters — unit, street, status, matter, from/to.
 */

const id = z.string().trim().min(1).max(64);
/** A day (YYYY-MM-DD, Beijing) or an instant (ISO-8601 with zone). */
const time = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};

export const filterQuery = {
  unit: id.optional().describe('承办单位: lead or assisting unit, e.g. CGZF'),
  street: id.optional().describe('街道/乡镇, e.g. XHJD'),
  status: z
    .string()
    .optional()
    .describe(`Comma-separated statuses: ${ORDER_STATUSES.join(', ')}`)
    .transform((s, ctx) => {
      if (!s) return undefined;
      const list = s.split(',').map((v) => v.trim());
      const bad = list.filter((v) => !(ORDER_STATUSES as readonly string[]).includes(v));
      if (bad.length) ctx.addIssue({ code: 'custom', message: `unknown status ${bad.join(', ')}` });
      return list;
    }),
  matter: id.optional().describe('事项 code, e.g. CG-003'),
  from: time.optional().describe('From this day or instant (inclusive)'),
  to: time.optional().describe('Until this day (inclusive) or instant (exclusive)'),
};

export const listQuery = z.object({
  ...pageQuery,
  ...filterQuery,
  district: id
    .optional()
    .describe('区: the order’s district, e.g. LS (district centre staff: their own only)'),
});
export type ListQuery = z.infer<typeof listQuery>;

/** The instants a from/to filter stands for: a day starts at 00:00 Beijing time. */
export function timeRange(q: { from?: string; to?: string }): { from?: Date; to?: Date } {
  const day = (d: string, plus: number) =>
    new Date(Date.parse(`${d}T00:00:00+08:00`) + plus * 86_400_000);
  const at = (v: string | undefined, endOfDay: boolean) =>
    v === undefined ? undefined : v.length === 10 ? day(v, endOfDay ? 1 : 0) : new Date(v);
  return { from: at(q.from, false), to: at(q.to, true) };
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

export function encodeCursor(values: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** What one sort key of a cursor holds. */
export type CursorKind = 'text' | 'instant' | 'day' | 'int';

const CURSOR_VALUE: Record<CursorKind, z.ZodType> = {
  // Ids and codes: short, printable, no NUL (PostgreSQL text cannot hold one).
  text: z
    .string()
    .max(200)
    .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 0x20), 'no control characters'),
  // An ISO instant as the list writes it, or 'infinity' (a missing deadline sorts last).
  instant: z.union([
    z.literal('infinity'),
    z.iso
      .datetime({ offset: true })
      .refine((v) => Number.isFinite(Date.parse(v)) && /^\d{4}-/.test(v)),
  ]),
  day: z.iso.date(),
  int: z.number().int().min(-2_147_483_648).max(2_147_483_647),
};

export function cursorRefusal(): BadRequestException {
  return new BadRequestException({
    message: 'The request has invalid fields',
    fields: [{ field: 'cursor', message: 'not a cursor this list gave out' }],
  });
}

/** A cursor's values, each checked against its key's kind (a crafted cursor is a 400). */
export function decodeCursor(
  cursor: string,
  kinds: readonly CursorKind[] | number,
): (string | number | null)[] {
  const expected: readonly CursorKind[] =
    typeof kinds === 'number' ? Array<CursorKind>(kinds).fill('text') : kinds;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return z
      .tuple(expected.map((k) => CURSOR_VALUE[k]) as [z.ZodType, ...z.ZodType[]])
      .parse(values) as (string | number | null)[];
  } catch {
    throw cursorRefusal();
  }
}
