import { z } from 'zod';
import { ORDER_CATEGORIES, ORDER_CHANNELS, URGENCIES, takenBySchema } from '../events/order-events';

/** POST /orders — what a hotline operator records at intake (受理). */
export const createOrderRequestSchema = z.object({
  idempotencyKey: z
    .string()
    .min(8)
    .max(128)
    .describe('Client-chosen key: the same key always yields the same order'),
  channel: z.enum(ORDER_CHANNELS),
  category: z.enum(ORDER_CATEGORIES),
  // Short is allowed: "着火了" is an emergency, and intake judges whether content is actionable.
  content: z.string().trim().min(1).max(4000).describe('What the caller asks for, in their words'),
  address: z
    .string()
    .trim()
    .min(2)
    .max(500)
    .optional()
    .describe(
      'The place as the caller gave it; resolved to street/community/grid by the gazetteer (地址匹配). Ids, when given, win',
    ),
  streetId: z.string().max(64).optional(),
  communityId: z.string().max(64).optional(),
  gridId: z.string().max(64).optional(),
  matterTypeCode: z.string().max(64).optional(),
  urgency: z.enum(URGENCIES).default('normal'),
  /**
   * 受理中心: the city's 12345 centre ({ level: 'city' }, 市级直派 to any district) or a district
   * centre ({ level: 'district', districtId }). Absent: the district deployment's centre, as before.
   */
  takenBy: takenBySchema
    .optional()
    .describe('Who takes the call: the city centre (市级直派) or a district centre'),
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

/**
 * POST /orders/screening — the live intake form asks for suggestions while the operator types:
 * like POST /orders, but only the content is required; nothing is recorded.
 */
export const screeningRequestSchema = z.object({
  content: z.string().trim().min(1).max(4000).describe('What the caller says, as typed so far'),
  category: z.enum(ORDER_CATEGORIES).default('complaint'),
  channel: z.enum(ORDER_CHANNELS).optional(),
  address: z.string().trim().max(500).optional(),
  streetId: z.string().max(64).optional(),
  communityId: z.string().max(64).optional(),
  gridId: z.string().max(64).optional(),
  matterTypeCode: z.string().max(64).optional(),
  urgency: z.enum(URGENCIES).optional(),
  /** With the phone, the caller's open orders are compared (follow-ups, duplicates). */
  caller: z
    .object({
      name: z.string().trim().max(100).optional(),
      phone: z.string().regex(/^\+?[0-9-]{5,20}$/, 'a phone number of 5–20 digits'),
    })
    .optional(),
});
export type ScreeningRequest = z.infer<typeof screeningRequestSchema>;
