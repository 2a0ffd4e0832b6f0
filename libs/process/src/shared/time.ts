/** Instants travel as ISO strings in events and state; the deciders compare them as milliseconds. */
export const ms = (iso: string | undefined): number => (iso ? Date.parse(iso) : Number.NaN);
export const iso = (t: number): string => new Date(t).toISOString();
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A lookup `decide` cannot do without: its absence is a bug in the workflow, not a refusal. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`decide needs ${what}`);
  return value;
}
