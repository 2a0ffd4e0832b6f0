import { z } from 'zod';
import { filterQuery, pageQuery } from '../shared/list-query';

export const inboxQuery = z.object({
  ...pageQuery,
  street: filterQuery.street,
  status: filterQuery.status,
  matter: filterQuery.matter,
  from: filterQuery.from,
  to: filterQuery.to,
  role: z.enum(['lead', 'assisting']).optional().describe('主办 (lead) or 协办 (assisting)'),
  nextAction: z
    .enum(['acknowledge', 'respond', 'resolve', 'assist', 'await_callback', 'handle'])
    .optional()
    .describe('What the unit must do next'),
});
export type InboxQuery = z.infer<typeof inboxQuery>;
