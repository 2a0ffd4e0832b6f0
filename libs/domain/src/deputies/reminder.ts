// The deputy item's reminder instant, apart from the stations' schema (no zod in the workflow bundle).

/** The instant a reminder goes out: `fraction` of the way from `from` to `due`. */
export function reminderAt(from: Date, due: Date, fraction: number): Date {
  return new Date(from.getTime() + Math.round((due.getTime() - from.getTime()) * fraction));
}
