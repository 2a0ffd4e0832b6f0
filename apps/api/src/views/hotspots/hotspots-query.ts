import { z } from 'zod';
import { filterQuery, pageQuery } from '../shared/list-query';

export const hotspotsQuery = z.object({
  ...pageQuery,
  street: filterQuery.street,
  matter: filterQuery.matter,
  community: z.string().trim().min(1).max(64).optional().describe('社区/村, e.g. XHJD-01'),
  from: filterQuery.from.describe('Windows ending on or after this day'),
  to: filterQuery.to.describe('Windows ending on or before this day'),
});
export type HotspotsQuery = z.infer<typeof hotspotsQuery>;
