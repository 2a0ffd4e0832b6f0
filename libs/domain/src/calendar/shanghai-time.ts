/**
 * Local time in Asia/Shanghai without a time-zone database: China has kept UTC+8 with no daylight
 * saving since 1991, so a fixed offset is exact for every date this system handles, and it keeps
 * the code deterministic inside Temporal workflows (no Intl, no host time zone).
 *
 * A "day number" counts Shanghai calendar days since 1970-01-01; it makes day arithmetic integer.
 */
import type { IsoDate } from '../reference/types';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * HOUR_MS;

/** The Shanghai calendar day an instant falls in. */
export function dayNumberOf(instant: Date): number {
  return Math.floor((instant.getTime() + OFFSET_MS) / DAY_MS);
}

export function dayNumberOfIso(day: IsoDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`Not a date YYYY-MM-DD: "${day}"`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (isoOfDayNumber(ms / DAY_MS) !== day) throw new RangeError(`Not a real date: "${day}"`);
  return ms / DAY_MS;
}

export function isoOfDayNumber(dayNumber: number): IsoDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfDayNumber(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  const weekday = weekdayOf(dayNumber);
  return weekday === 0 || weekday === 6;
}

/** 00:00:00.000 Shanghai time of the day. */
export function startOfDay(dayNumber: number): Date {
  return new Date(dayNumber * DAY_MS - OFFSET_MS);
}

/**
 * 23:59:59.999 Shanghai time of the day: the instant a day-based deadline ends. Deadlines are
 * inclusive (`done <= deadline` is in time), so "by the end of 8 October" is this instant.
 */
export function endOfDay(dayNumber: number): Date {
  return new Date((dayNumber + 1) * DAY_MS - OFFSET_MS - 1);
}

/** Minutes since local midnight, with fractions. */
export function minuteOfDay(instant: Date): number {
  return (instant.getTime() - startOfDay(dayNumberOf(instant)).getTime()) / MINUTE_MS;
}

/** The Shanghai calendar day of an instant, `YYYY-MM-DD`. */
export function shanghaiDate(instant: Date): IsoDate {
  return isoOfDayNumber(dayNumberOf(instant));
}

/** The Shanghai calendar month of an instant, `YYYY-MM` (the scoring period). */
export function shanghaiMonth(instant: Date): string {
  return shanghaiDate(instant).slice(0, 7);
}

/** Parses `HH:MM` into minutes since midnight. */
export function minutesOfClock(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}
