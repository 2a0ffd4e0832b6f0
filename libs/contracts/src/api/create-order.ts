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
  /** The operator's own screening decision; without it the filter's suggestion is applied. */
  screening: z
    .discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('accept') }),
      z.object({
        outcome: z.literal('rejected'),
        reason: z.enum([
          'outside_public_duty',
          'in_legal_process',
          'unlawful_demand',
          'abusive',
          'insufficient_information',
        ]),
        explanation: z.string().trim().min(4).max(2000),
        decidedBy: z.literal('operator').default('operator'),
      }),
      z.object({
        outcome: z.literal('merged'),
        intoOrderId: z.string().regex(/^HL\d{8}-\d{7}$/),
        explanation: z.string().trim().min(4).max(2000),
        decidedBy: z.literal('operator').default('operator'),
      }),
      z.object({
        outcome: z.literal('answered_directly'),
        explanation: z.string().trim().min(4).max(2000),
        decidedBy: z.literal('operator').default('operator'),
      }),
    ])
    .optional(),
  caller: z.object({
    name: z.string().trim().min(1).max(100),
    phone: z.string().regex(/^\+?[0-9-]{5,20}$/, 'a phone number of 5–20 digits'),
  }),
});
export type CreateOrderRequest = z.infer<typeof createOrderRequestSchema>;
