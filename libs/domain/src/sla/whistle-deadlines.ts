import type { WorkingCalendar } from '../calendar/working-calendar';
import type { Policy, WhistleType } from '../reference/types';
import { applyLimit } from './limits';

/**
 * When summoned departments must have reported (报到): emergency 应急哨 30 min and routine 日常哨
 * 24 h on the clock, key task 攻坚哨 3 working days (the end of the third working day).
 */
export function whistleReportDeadline(
  type: WhistleType,
  blownAt: Date,
  calendar: WorkingCalendar,
  policy: Policy,
): Date {
  return applyLimit(blownAt, policy.whistle.reportWithin[type], calendar);
}
