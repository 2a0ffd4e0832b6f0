/**
 * Working days and business hours in Asia/Shanghai over the official holiday table (法定节假日 and
 * 调休 working weekends). Instants are `Date` in and out, never mutated; calendar days are
 * `IsoDate` strings. A day-based result is the inclusive end of a day (23:59:59.999 local).
 *
 * Day counting follows the rule Chinese law uses for periods (民法典 art. 201–203): the day the
 * clock starts is not counted; "n working days" ends with the n-th working day after it.
 */
import type { HolidayTable, IsoDate, Policy, ReferenceData } from '../reference/types';
import { BusinessHours } from './business-hours';
import {
  dayNumberOf,
  dayNumberOfIso,
  endOfDay,
  HOUR_MS,
  isoOfDayNumber,
  isWeekend,
  MINUTE_MS,
  yearOfDayNumber,
} from './shanghai-time';

export type DayKind =
  | { readonly kind: 'workday' | 'weekend' }
  | { readonly kind: 'holiday' | 'adjusted_workday'; readonly name: string };

/** Asked about a year the holiday table does not cover: the table must be extended first. */
export class CalendarCoverageError extends RangeError {
  override readonly name = 'CalendarCoverageError';

  constructor(
    readonly year: number,
    readonly coveredYears: readonly number[],
  ) {
    super(
      `No holiday table for ${year} (covered: ${coveredYears.join(', ')}). Add the State Council's ` +
        `${year} holiday notice to libs/domain/data/holidays.json before deadlines reach that year.`,
    );
  }
}

export class WorkingCalendar {
  readonly coveredYears: readonly number[];
  private readonly holidays = new Map<number, string>();
  private readonly adjustedWorkdays = new Map<number, string>();
  private readonly business: BusinessHours;

  constructor(table: HolidayTable, businessHours: Policy['businessHours']) {
    this.coveredYears = table.years.map((y) => y.year).sort((a, b) => a - b);
    for (const year of table.years) {
      for (const range of year.holidays) {
        for (let d = dayNumberOfIso(range.from); d <= dayNumberOfIso(range.to); d++) {
          this.holidays.set(d, range.name);
        }
      }
      for (const workday of year.adjustedWorkdays) {
        this.adjustedWorkdays.set(dayNumberOfIso(workday.date), workday.for);
      }
    }
    this.business = new BusinessHours(businessHours, (day) => this.isWorkingDayNumber(day));
  }

  static fromReference(ref: ReferenceData): WorkingCalendar {
    return new WorkingCalendar(ref.holidays, ref.policy.businessHours);
  }

  /** What kind of day it is; an instant stands for the Shanghai day it falls in. */
  dayKind(day: Date | IsoDate): DayKind {
    const n = toDayNumber(day);
    this.assertCovered(n);
    const holiday = this.holidays.get(n);
    if (holiday !== undefined) return { kind: 'holiday', name: holiday };
    const adjusted = this.adjustedWorkdays.get(n);
    if (adjusted !== undefined) return { kind: 'adjusted_workday', name: adjusted };
    return { kind: isWeekend(n) ? 'weekend' : 'workday' };
  }

  isWorkingDay(day: Date | IsoDate): boolean {
    return this.isWorkingDayNumber(toDayNumber(day));
  }

  /** The first working day strictly after the given day. */
  nextWorkingDay(day: Date | IsoDate): IsoDate {
    let n = toDayNumber(day) + 1;
    while (!this.isWorkingDayNumber(n)) n++;
    return isoOfDayNumber(n);
  }

  /** 7×24 clock time: no calendar involved. */
  addClockHours(from: Date, hours: number): Date {
    return new Date(from.getTime() + Math.round(hours * HOUR_MS));
  }

  addClockMinutes(from: Date, minutes: number): Date {
    return new Date(from.getTime() + Math.round(minutes * MINUTE_MS));
  }

  /**
   * The end of the n-th working day after `from`'s day (n ≥ 1), or, for n ≤ −1, the end of the
   * working day |n| working days before it, so that `workingDaysBetween(from, result) === n`.
   */
  addWorkingDays(from: Date, n: number): Date {
    assertNonZeroInteger(n, 'working days');
    let day = dayNumberOf(from);
    if (n > 0) {
      for (let counted = 0; counted < n;) if (this.isWorkingDayNumber(++day)) counted++;
    } else {
      // A non-working day counts with the working day before it (see workingDaysBetween).
      for (let counted = this.isWorkingDayNumber(day) ? 0 : -1; counted < -n;) {
        if (this.isWorkingDayNumber(--day)) counted++;
      }
    }
    return endOfDay(day);
  }

  /**
   * Natural days (自然日): the end of the day n days after `from`'s day; when that day is not a
   * working day the period runs on to the end of the next working day (期间届满日遇节假日顺延).
   */
  addNaturalDays(from: Date, n: number): Date {
    assertNonZeroInteger(n, 'natural days');
    if (n < 0) throw new RangeError('Natural-day deadlines only count forwards');
    let day = dayNumberOf(from) + n;
    while (!this.isWorkingDayNumber(day)) day++;
    return endOfDay(day);
  }

  /**
   * Working days in (day of a, day of b]; negative when b is before a. Antisymmetric, and the
   * inverse of addWorkingDays.
   */
  workingDaysBetween(a: Date, b: Date): number {
    const from = dayNumberOf(a);
    const to = dayNumberOf(b);
    if (to < from) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let day = from + 1; day <= to; day++) if (this.isWorkingDayNumber(day)) count++;
    return count;
  }

  /** Adds office hours (policy.businessHours on working days); hours ≥ 0. */
  addBusinessHours(from: Date, hours: number): Date {
    return this.business.add(from, hours);
  }

  /** Office hours between two instants; negative when b is before a. */
  businessHoursBetween(a: Date, b: Date): number {
    return this.business.between(a, b);
  }

  /** When office hours next open strictly after the day of `instant` (notices, callbacks). */
  nextWorkingDayOpening(instant: Date): Date {
    return this.business.openingOf(dayNumberOfIso(this.nextWorkingDay(instant)));
  }

  private isWorkingDayNumber(day: number): boolean {
    this.assertCovered(day);
    if (this.holidays.has(day)) return false;
    return this.adjustedWorkdays.has(day) || !isWeekend(day);
  }

  private assertCovered(day: number): void {
    const year = yearOfDayNumber(day);
    if (!this.coveredYears.includes(year)) throw new CalendarCoverageError(year, this.coveredYears);
  }
}

function toDayNumber(day: Date | IsoDate): number {
  return typeof day === 'string' ? dayNumberOfIso(day) : dayNumberOf(day);
}

function assertNonZeroInteger(n: number, what: string): void {
  if (!Number.isInteger(n) || n === 0) {
    throw new RangeError(`Expected a non-zero whole number of ${what}, got ${n}`);
  }
}
