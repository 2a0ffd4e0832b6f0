import type { CalendarProvenance, WorkingCalendar } from '../calendar/working-calendar';
import { dayNumberOfIso, endOfDay } from '../calendar/shanghai-time';
import type { IsoDate } from '../reference/types';

export interface CallbackWindow extends CalendarProvenance {
  readonly day: IsoDate;
  readonly opensAt: Date;
  readonly dueBy: Date;
}

/**
 * The callback (回访) happens on the working day after the unit reports its result; calls start
 * when offices open, so a caller is not rung at dawn. `provisional` when that working day was
 * found in a provisional year.
 */
export function callbackWindow(resolvedAt: Date, calendar: WorkingCalendar): CallbackWindow {
  const { value, provisional, provisionalYears } = calendar.track((c) => {
    const day = c.nextWorkingDay(resolvedAt);
    return {
      day,
      opensAt: c.nextWorkingDayOpening(resolvedAt),
      dueBy: endOfDay(dayNumberOfIso(day)),
    };
  });
  return { ...value, provisional, provisionalYears };
}
