import { z } from 'zod';
import { monthOrThisMonth } from '../../common/month-field';

const id = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what}不能为空`)
    .max(64, `${what}过长（最多 64 个字符）`)
    .regex(/^[A-Za-z0-9-]+$/, `${what}只能包含字母、数字和连字符`);

/** GET /views/enforcement-powers/usage: how each devolved power is used, per street, in a month. */
export const powerUsageQuery = z.object({
  month: monthOrThisMonth,
  district: id('区').optional().describe('区 (district id, e.g. LS)'),
  street: id('街乡').optional().describe('街道/乡镇 (street unit id, e.g. LS-JMJD)'),
  power: id('职权编号').optional().describe('执法职权 (power id, e.g. ZF-CG-001)'),
});
export type PowerUsageQuery = z.infer<typeof powerUsageQuery>;
