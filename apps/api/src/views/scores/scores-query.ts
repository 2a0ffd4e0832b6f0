import { z } from 'zod';
import { monthOrThisMonth as withDefaultMonth } from '../../common/month-field';
import { pageQuery } from '../shared/list-query';

export const RANKING_GROUPS = ['streets', 'townships', 'departments', 'enterprises'] as const;

export const scoresQuery = z.object({
  month: withDefaultMonth,
  unit: z.string().trim().min(1).max(64).optional().describe('承办单位'),
  group: z.enum(RANKING_GROUPS).optional().describe('Ranking group'),
  ...pageQuery,
});
export type ScoresQuery = z.infer<typeof scoresQuery>;

export const rankingQuery = z.object({ month: withDefaultMonth });

/** GET /views/scores/rankings: the month's rankings at a level (市级: the city; 区级: one district). */
export const cityRankingQuery = z
  .object({
    month: withDefaultMonth,
    level: z.enum(['city', 'district']).default('city').describe('市级 (city) or 区级 (district)'),
    district: z.string().trim().min(1).max(64).optional().describe('区, for level=district'),
  })
  .refine((q) => q.level === 'city' || q.district, {
    message: '区级排名需要指定区（district），例如 LS',
    path: ['district'],
  });
export type CityRankingQuery = z.infer<typeof cityRankingQuery>;

/** GET /views/scores/push-downs: push-downs to streets (自上而下派回街道) per district for a month. */
export const pushDownQuery = z.object({
  month: withDefaultMonth,
  district: z.string().trim().min(1).max(64).optional().describe('区'),
});
export type PushDownQuery = z.infer<typeof pushDownQuery>;

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
