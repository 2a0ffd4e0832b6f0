import { z } from 'zod';

/**
 * What the whistle projection reads from each whistle event (街乡吹哨、部门报到).
 *
 * ASSUMED CONTRACT: libs/contracts/src/events/whistle-events.ts was still being written when this
 * projection was built, so these are the event names announced for it (WhistleBlown,
 * DepartmentReported, CommitmentMade, DepartmentCompleted, WhistleVerified, WhistleEscalated,
 * WhistleEvaluated, WhistleClosed, ReportDeadlineMissed) with the fields shared/domain.md
 * describes. Only the fields used here are read, leniently (other fields pass through); the
 * registry validates the real contract before an event reaches the projector. Align this file
 * with whistle-events.ts once it exists.
 */

const departmentId = z.string().min(1);
const time = z.string().min(1);

export const WHISTLE_FACTS = {
  WhistleBlown: z.looseObject({
    whistleId: z.string().optional(),
    streetId: z.string().min(1),
    whistleType: z.enum(['emergency', 'routine', 'key_task']),
    matterTypeCode: z.string().optional(),
    title: z.string().optional(),
    orderId: z.string().optional(),
    summonedUnitIds: z.array(departmentId),
    reportBy: time.optional(),
  }),
  DepartmentReported: z.looseObject({
    departmentId,
    mode: z.enum(['on_site', 'remote']).optional(),
    withinLimit: z.boolean().optional(),
  }),
  CommitmentMade: z.looseObject({
    departmentId,
    dueBy: time.optional(),
    measures: z.string().optional(),
  }),
  DepartmentCompleted: z.looseObject({ departmentId }),
  WhistleVerified: z.looseObject({
    departmentId: departmentId.optional(),
    passed: z.boolean().optional(),
  }),
  WhistleEscalated: z.looseObject({
    districtWhistleId: z.string().optional(),
    reason: z.string().optional(),
  }),
  WhistleEvaluated: z.looseObject({
    departmentId,
    timeliness: z.number(),
    commitment: z.number(),
    result: z.number(),
  }),
  WhistleClosed: z.looseObject({ outcome: z.string().optional() }),
  ReportDeadlineMissed: z.looseObject({ departmentId }),
} as const;

export type WhistleFactType = keyof typeof WHISTLE_FACTS;
export type WhistleFacts<T extends WhistleFactType> = z.infer<(typeof WHISTLE_FACTS)[T]>;

/**
 * Fields some drafts name differently: the first present name wins, so the projection reads the
 * contract whichever of these it settles on.
 */
const ALIASES: Record<string, string[]> = {
  summonedUnitIds: ['summonedUnitIds', 'summonedDepartmentIds', 'departmentIds'],
  whistleType: ['whistleType', 'type'],
  departmentId: ['departmentId', 'unitId'],
  streetId: ['streetId', 'blownByUnitId'],
};

/** The event's facts, or null when the payload lacks what this projection needs. */
export function readFacts<T extends WhistleFactType>(
  type: T,
  payload: Record<string, unknown>,
): WhistleFacts<T> | null {
  const normalised: Record<string, unknown> = { ...payload };
  for (const [field, names] of Object.entries(ALIASES)) {
    if (normalised[field] !== undefined) continue;
    const found = names.find((n) => payload[n] !== undefined);
    if (found) normalised[field] = payload[found];
  }
  const parsed = WHISTLE_FACTS[type].safeParse(normalised);
  return parsed.success ? (parsed.data as WhistleFacts<T>) : null;
}

export const isWhistleFactType = (type: string): type is WhistleFactType => type in WHISTLE_FACTS;
