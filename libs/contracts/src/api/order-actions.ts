import { z } from 'zod';
import { RESOLUTION_OUTCOMES, SATISFACTION_LEVELS } from '../events/order-events';
import { optionalPersonalText, personalText } from './personal-text';

/**
 * Bodies of the order actions (POST /orders/:orderId/<action>). The actor comes from the token.
 * Every free-text field is `personalText`: phone, ID and e-mail numbers in it are masked here.
 */
const note = personalText(1, 2000);
const unitId = z.string().trim().min(1).max(64);

export const ORDER_ACTION_BODIES = {
  acknowledge: z.object({}).strict(),
  return: z.object({
    reason: z
      .enum(['jurisdiction', 'ownership_unclear', 'overlapping_duties'])
      .describe('Why it is not this unit’s duty'),
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
