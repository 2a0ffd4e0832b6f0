import type { WorkingCalendar } from '../calendar/working-calendar';
import type { Limit } from '../reference/types';

/**
 * The instant a limit ends when its clock starts at `from`. Minutes and hours are 7×24 clock time;
 * natural days end at the end of a day and run on over non-working days; working days skip them.
 */
export function applyLimit(from: Date, limit: Limit, calendar: WorkingCalendar): Date {
  switch (limit.unit) {
    case 'minutes':
      return calendar.addClockMinutes(from, limit.amount);
    case 'hours':
      return calendar.addClockHours(from, limit.amount);
    case 'naturalDays':
      return calendar.addNaturalDays(from, limit.amount);
    case 'workingDays':
      return calendar.addWorkingDays(from, limit.amount);
  }
}

/** The limit in the words a unit reads on its order, e.g. "7日（自然日，届满日遇节假日顺延）". */
export function describeLimit(limit: Limit): string {
  switch (limit.unit) {
    case 'minutes':
      return `${limit.amount}分钟`;
    case 'hours':
      return `${limit.amount}小时`;
    case 'naturalDays':
      return `${limit.amount}日（自然日，届满日遇节假日顺延）`;
    case 'workingDays':
      return `${limit.amount}个工作日`;
  }
}
