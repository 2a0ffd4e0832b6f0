import { z } from 'zod';
import { filterQuery, pageQuery } from '../shared/list-query';

export const SLA_VIEWS = ['due_soon', 'overdue', 'breached', 'escalated', 'all'] as const;

export const slaBoardQuery = z.object({
  view: z
    .enum(SLA_VIEWS)
    .default('due_soon')
    .describe(
      'due_soon: next limit within `withinHours`; overdue: next limit passed; breached: a limit was breached (超时); escalated: 督办 at least once; all',
    ),
  withinHours: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(4)
    .describe('For due_soon'),
  ...pageQuery,
  ...filterQuery,
});
export type SlaBoardQuery = z.infer<typeof slaBoardQuery>;
