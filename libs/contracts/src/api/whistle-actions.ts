import { z } from 'zod';
import { SATISFACTION_LEVELS } from '../events/order-events';
import { PUBLIC_RATERS, REPORT_MODES, WHISTLE_TYPES } from '../events/whistle-events';
import { optionalPersonalText, personalText } from './personal-text';

/**
 * Bodies of the whistle requests (街乡吹哨、部门报到), for the API to validate before it starts the
 * whistle workflow or sends it `<action>Update`. The actor (which street or department) comes
 * from the token; the workflow checks the rest and refuses with a reason. Every free-text field
 * is `personalText`: phone, ID and e-mail numbers in it are masked here.
 */
const text = personalText(1, 2000);
const unitId = z.string().trim().min(1).max(64);
const isoTime = z.iso.datetime({ offset: true });
/** The street's marks; the workflow checks them against the policy's scale (1–5 by default). */
const mark = z.number().int().min(1).max(10);

/** POST /whistles — a street blows a whistle (吹哨); the street is the token's unit. */
export const blowWhistleRequestSchema = z.object({
  idempotencyKey: z
    .string()
    .min(8)
    .max(128)
    .optional()
    .describe(
      'Client-chosen key: the same key (from the same street) always yields the same whistle; a repeat answers 200 with created: false',
    ),
  whistleType: z.enum(WHISTLE_TYPES).describe('应急哨 emergency, 日常哨 routine, 攻坚哨 key_task'),
  matterTypeCode: unitId.describe('A matter on the whistle list (吹哨报到专项清单)'),
  title: personalText(2, 200),
  description: text,
  place: z.object({
    address: z.string().trim().min(2).max(500),
    communityId: unitId.optional(),
    gridId: unitId.optional(),
  }),
  summonedUnitIds: z
    .array(unitId)
    .min(1)
    .max(20)
    .describe('Departments with a duty for the matter'),
  linkedOrderIds: z
    .array(z.string().regex(/^HL\d{8}-\d{7}$/))
    .max(50)
    .optional(),
});
export type BlowWhistleRequest = z.infer<typeof blowWhistleRequestSchema>;

export const WHISTLE_ACTION_BODIES = {
  // The summoned departments
  report: z.object({
    representative: personalText(1, 200).describe('Who came: a post, not a phone'),
    mode: z.enum(REPORT_MODES),
  }),
  commit: z.object({ measures: text, dueBy: isoTime.describe('When the measures will be done') }),
  reportProgress: z.object({ note: text }),
  complete: z.object({ summary: text }),
  ratePrecision: z.object({
    needed: z.boolean().describe('Was the whistle needed?'),
    wellScoped: z.boolean().describe('Were the right departments summoned?'),
    comment: optionalPersonalText(2000),
  }),
  // The street (or the district, for a district whistle)
  verify: z
    .object({ departmentId: unitId, passed: z.boolean(), note: text, redoBy: isoTime.optional() })
    .refine((b) => b.passed || b.redoBy !== undefined, {
      message: 'a failed check needs redoBy, the new due date',
      path: ['redoBy'],
    }),
  close: z.object({ outcome: z.enum(['solved', 'unsolved']), summary: text }),
  escalate: z.object({
    reason: text,
    whistleType: z.enum(WHISTLE_TYPES).optional(),
    summonedUnitIds: z.array(unitId).min(1).max(20).optional(),
  }),
  rateDepartment: z.object({
    departmentId: unitId,
    timeliness: mark,
    commitment: mark,
    result: mark,
    comment: optionalPersonalText(2000),
  }),
  recordPublicRating: z.object({
    rater: z.enum(PUBLIC_RATERS),
    satisfaction: z.enum(SATISFACTION_LEVELS),
    comment: optionalPersonalText(2000),
  }),
} as const;

export type WhistleActionName = keyof typeof WHISTLE_ACTION_BODIES;

/** POST /orders/:orderId/escalate-to-whistle — the order's lead street blows a whistle for it. */
export const escalateOrderToWhistleBodySchema = z.object({
  whistleType: z.enum(WHISTLE_TYPES),
  summonedUnitIds: z.array(unitId).min(1).max(20),
  title: personalText(2, 200),
  description: text,
});
