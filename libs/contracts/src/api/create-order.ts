import { z } from 'zod';
import { ORDER_CATEGORIES, ORDER_CHANNELS, URGENCIES } from '../events/order-events';

/** POST /orders — what a hotline operator records at intake (受理). */
export const createOrderRequestSchema = z.object({
  idempotencyKey: z
    .string()
    .min(8)
    .max(128)
    .describe('Client-chosen key: the same key always yields the same order'),
  channel: z.enum(ORDER_CHANNELS),
  category: z.enum(ORDER_CATEGORIES),
  content: z.string().trim().min(4).max(4000).describe('What the caller asks for, in their words'),
  address: z.string().trim().min(2).max(500),
  streetId: z.string().max(64).optional(),
  communityId: z.string().max(64).optional(),
  gridId: z.string().max(64).optional(),
  matterTypeCode: z.string().max(64).optional(),
  urgency: z.enum(URGENCIES).default('normal'),
  caller: z.object({
    name: z.string().trim().min(1).max(100),
    phone: z.string().regex(/^\+?[0-9-]{5,20}$/, 'a phone number of 5–20 digits'),
  }),
});
export type CreateOrderRequest = z.infer<typeof createOrderRequestSchema>;
