import { dayRangePeriod, type LedgerPeriod, monthPeriod } from '@hotline/domain';
import { z } from 'zod';
import { monthField } from '../common/month-field';

const unitId = z.string().trim().min(1).max(64).describe('承办单位, e.g. XHJD or CGZF');

/** POST /ledgers — a unit's ledger for a month, or for a range of days (on demand). */
export const createLedgerRequest = z
  .object({
    unitId,
    month: monthField.optional().describe('统计月份, e.g. 2026-11'),
    from: z.iso.date().optional().describe('On demand: first day (YYYY-MM-DD, Beijing)'),
    to: z.iso.date().optional().describe('On demand: last day, inclusive'),
  })
  .superRefine((v, ctx) => {
    const range = v.from !== undefined || v.to !== undefined;
    if (v.month && range)
      ctx.addIssue({
        code: 'custom',
        path: ['month'],
        message: 'give a month or from/to, not both',
      });
    if (!v.month && !range)
      ctx.addIssue({ code: 'custom', path: ['month'], message: 'give a month, or from and to' });
    if (range && (!v.from || !v.to))
      ctx.addIssue({
        code: 'custom',
        path: [v.from ? 'to' : 'from'],
        message: 'from and to go together',
      });
    if (v.from && v.to) {
      const days = (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000;
      if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is before from' });
      if (days > 366) ctx.addIssue({ code: 'custom', path: ['to'], message: 'at most 366 days' });
    }
  });
export type CreateLedgerRequest = z.infer<typeof createLedgerRequest>;

export function periodOf(req: CreateLedgerRequest): LedgerPeriod {
  return req.month ? monthPeriod(req.month) : dayRangePeriod(req.from!, req.to!);
}

export const listLedgersQuery = z.object({
  unitId: unitId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListLedgersQuery = z.infer<typeof listLedgersQuery>;

export const LEDGER_FORMATS = ['xlsx', 'pdf'] as const;
export type LedgerFormat = (typeof LEDGER_FORMATS)[number];
