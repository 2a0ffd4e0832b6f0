import { shanghaiMonth } from '@hotline/domain';
import { z } from 'zod';
import { pageQuery } from '../shared/list-query';

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2026-11')
  .describe('YYYY-MM, Beijing time; default: this month');
const withDefaultMonth = month.optional().transform((m) => m ?? shanghaiMonth(new Date()));

export const RANKING_GROUPS = ['streets', 'townships', 'departments', 'enterprises'] as const;

export const scoresQuery = z.object({
  month: withDefaultMonth,
  unit: z.string().trim().min(1).max(64).optional().describe('承办单位'),
  group: z.enum(RANKING_GROUPS).optional().describe('Ranking group'),
  ...pageQuery,
});
export type ScoresQuery = z.infer<typeof scoresQuery>;

export const rankingQuery = z.object({ month: withDefaultMonth });

export const scoreRecordsQuery = z.object({
  month: withDefaultMonth,
  unit: z.string().trim().min(1).max(64).optional().describe('承办单位'),
  excluded: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .describe('Only approved exclusions (剔除), or only counted orders'),
  ...pageQuery,
});
export type ScoreRecordsQuery = z.infer<typeof scoreRecordsQuery>;
