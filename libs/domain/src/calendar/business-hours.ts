/** Office-hour arithmetic over the working days of a calendar (used by WorkingCalendar). */
import type { Policy } from '../reference/types';
import { dayNumberOf, HOUR_MS, MINUTE_MS, minutesOfClock, startOfDay } from './shanghai-time';

interface Window {
  readonly open: number;
  readonly close: number;
}

export class BusinessHours {
  private readonly windows: readonly Window[];

  constructor(
    windows: Policy['businessHours'],
    private readonly isWorkingDay: (day: number) => boolean,
  ) {
    if (windows.length === 0) throw new RangeError('Business hours need at least one window');
    this.windows = windows.map((w) => ({
      open: minutesOfClock(w.start) * MINUTE_MS,
      close: minutesOfClock(w.end) * MINUTE_MS,
    }));
  }

  add(from: Date, hours: number): Date {
    if (!(hours >= 0)) throw new RangeError(`Business hours to add must be ≥ 0, got ${hours}`);
    let remaining = Math.round(hours * HOUR_MS);
    if (remaining === 0) return new Date(from.getTime());
    let t = from.getTime();
    // Ends: every year has working days (provisional ones too), each consuming office time; a
    // strict calendar throws at the first year its table lacks.
    for (let day = dayNumberOf(from); ; day++) {
      if (!this.isWorkingDay(day)) continue;
      const midnight = startOfDay(day).getTime();
      for (const w of this.windows) {
        const close = midnight + w.close;
        if (t >= close) continue;
        const start = Math.max(t, midnight + w.open);
        if (remaining <= close - start) return new Date(start + remaining);
        remaining -= close - start;
        t = close;
      }
    }
  }

  between(a: Date, b: Date): number {
    if (b < a) return -this.between(b, a);
    let total = 0;
    for (let day = dayNumberOf(a); day <= dayNumberOf(b); day++) {
      if (!this.isWorkingDay(day)) continue;
      const midnight = startOfDay(day).getTime();
      for (const w of this.windows) {
        const start = Math.max(a.getTime(), midnight + w.open);
        const end = Math.min(b.getTime(), midnight + w.close);
        if (end > start) total += end - start;
      }
    }
    return total / HOUR_MS;
  }

  openingOf(day: number): Date {
    return new Date(startOfDay(day).getTime() + this.windows[0].open);
  }
}
