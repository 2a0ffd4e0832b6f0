import { RETURN_REASONS, type ReturnReason } from '@hotline/domain';
import { z } from 'zod';
import { RESOLUTION_OUTCOMES, SATISFACTION_LEVELS } from '../events/order-events';
import { optionalPersonalText, personalText } from './personal-text';

export { RETURN_REASONS, type ReturnReason } from '@hotline/domain';

/**
 * Return reasons as the API spelt them before the vocabulary was settled: still accepted on
 * input, sent on as the one spelling (RETURN_REASONS).
 */
export const LEGACY_RETURN_REASONS: Readonly<Record<string, ReturnReason>> = {
  jurisdiction: 'wrong_jurisdiction',
  ownership_unclear: 'unclear_ownership',
};

const returnReason = z
  .enum([...RETURN_REASONS, 'jurisdiction', 'ownership_unclear'])
  .describe(
    'Why it is not this unit’s duty: wrong_jurisdiction (管辖错误), unclear_ownership (权属不清), overlapping_duties (职责交叉); the older spellings jurisdiction and ownership_unclear are accepted',
  )
  .transform((r): ReturnReason => LEGACY_RETURN_REASONS[r] ?? (r as ReturnReason));

/**
 * Bodies of the order actions (POST /orders/:orderId/<action>). The actor comes from the token.
 * Every free-text field is `personalText`: phone, ID and e-mail numbers in it are masked here.
 */
const note = personalText(1, 2000);
const unitId = z.string().trim().min(1).max(64);

export const ORDER_ACTION_BODIES = {
  acknowledge: z.object({}).strict(),
  return: z.object({
    reason: returnReason,
    explanation: personalText(10, 2000).describe('Supporting words (at least 10 characters)'),
  }),
  respond: z.object({ note: note.describe('How the caller was contacted (first contact, 响应)') }),
  reportProgress: z.object({ note }),
  requestExtension: z.object({
    requestedHandleBy: z.iso
      .datetime({ offset: true })
      .describe('The new handling limit asked for'),
    reason: note,
  }),
  resolve: z.object({
    outcome: z.enum(RESOLUTION_OUTCOMES),
    summary: note.describe('What the unit did'),
  }),
  requestExclusion: z.object({
    reason: z.enum([
      'outside_public_duty',
      'in_legal_process',
      'unlawful_demand',
      'abusive',
      'insufficient_information',
      'caller_refused_contact',
      'force_majeure',
    ]),
    explanation: note,
  }),
  dispatchManually: z.object({
    leadUnitId: unitId,
    assistingUnitIds: z.array(unitId).max(20).optional(),
    note: note.optional(),
  }),
  decideArbitration: z.object({
    leadUnitId: unitId,
    assistingUnitIds: z.array(unitId).max(20).optional(),
    note,
  }),
  decideExtension: z.object({ approve: z.boolean(), note }),
  urge: z.object({ note }),
  supervise: z.object({ note }),
  decideExclusion: z.object({ approve: z.boolean(), note }),
  recordCallback: z
    .object({
      reached: z.boolean(),
      solved: z.boolean().optional(),
      satisfaction: z.enum(SATISFACTION_LEVELS).optional(),
      unitAtFault: z
        .boolean()
        .optional()
        .describe('For a dissatisfied caller: was it the unit’s fault?'),
      note: optionalPersonalText(2000),
    })
    .refine((b) => !b.reached || (b.solved !== undefined && b.satisfaction !== undefined), {
      message: 'a reached caller must be asked both: solved? and satisfaction',
      path: ['solved'],
    }),
  terminate: z.object({ reason: note }),
} as const;

export type OrderActionName = keyof typeof ORDER_ACTION_BODIES;
