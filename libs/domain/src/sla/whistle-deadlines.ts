import type { CalendarProvenance, WorkingCalendar } from '../calendar/working-calendar';
import type { Policy, WhistleType } from '../reference/types';
import { applyLimit } from './limits';

export interface WhistleReportDeadline extends CalendarProvenance {
  /** The inclusive instant by which summoned departments must have reported. */
  readonly reportBy: Date;
}

/**
 * When summoned departments must have reported (报到): emergency 应急哨 30 min and routine 日常哨
 * 24 h on the clock, key task 攻坚哨 3 working days (the end of the third working day).
 * `provisional` is true when a working day counted came from a provisional year (no holiday notice
 * yet): recompute once the notice is published.
 */
export function whistleReportDeadline(
  type: WhistleType,
  blownAt: Date,
  calendar: WorkingCalendar,
  policy: Policy,
): WhistleReportDeadline {
  const { value, provisional, provisionalYears } = calendar.track((c) =>
    applyLimit(blownAt, policy.whistle.reportWithin[type], c),
  );
  return { reportBy: value, provisional, provisionalYears };
}
