import type { WorkingCalendar } from '../calendar/working-calendar';
import { dayNumberOfIso, endOfDay } from '../calendar/shanghai-time';
import type { IsoDate } from '../reference/types';

export interface CallbackWindow {
  readonly day: IsoDate;
  readonly opensAt: Date;
  readonly dueBy: Date;
}

/**
 * The callback (回访) happens on the working day after the unit reports its result; calls start
 * when offices open, so a caller is not rung at dawn.
 */
export function callbackWindow(resolvedAt: Date, calendar: WorkingCalendar): CallbackWindow {
  const day = calendar.nextWorkingDay(resolvedAt);
  return {
    day,
    opensAt: calendar.nextWorkingDayOpening(resolvedAt),
    dueBy: endOfDay(dayNumberOfIso(day)),
  };
}
