import { z } from 'zod';
import { filterQuery, pageQuery } from '../shared/list-query';
import { rankingQuery } from '../scores/scores-query';

export const WHISTLE_STATUSES = [
  'reporting',
  'committing',
  'acting',
  'verifying',
  'verified',
  'escalated',
  'closed',
] as const;

export const whistlesQuery = z.object({
  ...pageQuery,
  street: filterQuery.street,
  matter: filterQuery.matter,
  status: z
    .enum(WHISTLE_STATUSES)
    .optional()
    .describe(
      'reporting (报到), committing (表态), acting, verifying (核查), verified, escalated (上报), closed',
    ),
  type: z.enum(['emergency', 'routine', 'key_task']).optional().describe('应急哨, 日常哨, 攻坚哨'),
  unit: z.string().trim().min(1).max(64).optional().describe('A summoned department'),
  from: filterQuery.from.describe('Blown from this day or instant'),
  to: filterQuery.to.describe('Blown until this day (inclusive) or instant'),
});
export type WhistlesQuery = z.infer<typeof whistlesQuery>;

export const evaluationsQuery = rankingQuery.extend({
  department: z.string().trim().min(1).max(64).optional().describe('One department'),
  ...pageQuery,
});
export type EvaluationsQuery = z.infer<typeof evaluationsQuery>;
