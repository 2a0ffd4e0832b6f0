/**
 * Progress notes are bounded: each is part of the workflow's history, which Temporal limits.
 * Past the cap the refusal (`limit_reached`, 409 at the API) says where further progress goes.
 * No cap (`max` undefined) for orders and whistles started before it existed.
 */
export function notesFull(
  notes: number,
  max: number | undefined,
  what: string,
): string | undefined {
  if (max === undefined || notes < max) return undefined;
  return `本${what}的进展记录已达上限（${max}条），后续进展请在办结或完成说明中汇总`;
}
