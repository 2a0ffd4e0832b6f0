import { shanghaiMonth } from '@hotline/domain';
import { z } from 'zod';

/** A month as the read models, rankings and ledgers count it (统计月份): YYYY-MM, Beijing time. */
export const monthField = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM，例如 2026-11');

/** A month that is this month in Beijing when the query leaves it out. */
export const monthOrThisMonth = monthField
  .optional()
  .transform((m) => m ?? shanghaiMonth(new Date()))
  .describe('YYYY-MM, Beijing time; default: this month');
