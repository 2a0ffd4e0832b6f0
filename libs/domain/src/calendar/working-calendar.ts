/**
 * Working days and business hours in Asia/Shanghai over the official holiday table (法定节假日 and
 * 调休 working weekends). Instants are `Date` in and out, never mutated; calendar days are
 * `IsoDate` strings. A day-based result is the inclusive end of a day (23:59:59.999 local).
 *
 * Day counting follows the rule Chinese law uses for periods (民法典 art. 201–203): the day the
 * clock starts is not counted; "n working days" ends with the n-th working day after it.
 *
 * Years the table does not cover:
 *
 * - a year after the table's first year that the table lacks (normally the coming year, whose
 *   notice is not published or not added yet) is a **provisional year** (see `provisional-year.ts`):
 *   元旦 1 Jan, 劳动节 1–2 May, 国庆节 1–3 Oct and weekends, nothing else. The calendar answers, so a
 *   deadline is always computed, and says so: `dayKind(...).provisional`, `isProvisional(day)`,
 *   and `track(...)`, which reports the provisional years a whole computation relied on;
 * - a year before the table's first year throws `CalendarCoverageError`: it is only reached by a
 *   wrong date, and history is not reconstructed;
 * - a strict calendar (`WorkingCalendar.strict(ref)`) throws for every year the table lacks, for
 *   checks that must not run on provisional data.
 */
import type { HolidayTable, IsoDate, Policy, ReferenceData } from '../reference/types';
import { BusinessHours } from './business-hours';
import { fixedDateHolidayOn } from './provisional-year';
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

/**
 * What kind of day it is. `provisional` is true when the day's year has no published table and the
 * answer comes from the provisional rules (which never give an `adjusted_workday`).
 */
export type DayKind = (
  | { readonly kind: 'workday' | 'weekend' }
  | { readonly kind: 'holiday' | 'adjusted_workday'; readonly name: string }
) & { readonly provisional: boolean };

/**
 * `provisional` (the default): a year missing from the table, after its first year, follows the
 * provisional rules. `strict`: every year missing from the table throws `CalendarCoverageError`.
 */
export type UncoveredYears = 'provisional' | 'strict';

export interface CalendarOptions {
  readonly uncoveredYears?: UncoveredYears;
}

/** Whether a result relied on a day of a provisional year, and on which years. */
export interface CalendarProvenance {
  /**
   * True when any day the result relied on came from a provisional year: keep the result, and
   * recompute it once that year's notice is in the holiday table.
   */
  readonly provisional: boolean;
  /** The provisional years relied on, ascending; empty when `provisional` is false. */
  readonly provisionalYears: readonly number[];
}

export interface Tracked<T> extends CalendarProvenance {
  readonly value: T;
}

/**
 * Asked about a year the holiday table does not cover and the calendar will not make provisional:
 * a year before the table's first year, or any missing year on a strict calendar.
 */
export class CalendarCoverageError extends RangeError {
  override readonly name = 'CalendarCoverageError';

  constructor(
    readonly year: number,
    readonly coveredYears: readonly number[],
    readonly reason: 'before_table' | 'strict',
  ) {
    super(
      `No holiday table for ${year} (covered: ${coveredYears.join(', ') || 'none'}). ` +
        (reason === 'strict'
          ? `This calendar is strict: add the State Council's ${year} holiday notice to ` +
            `libs/domain/data/holidays.json, or use WorkingCalendar.fromReference, which falls back ` +
            `to a provisional year.`
          : `Years before the table's first year are not guessed: check the date, or add the ` +
            `${year} notice to libs/domain/data/holidays.json.`),
    );
  }
}

export class WorkingCalendar {
  readonly coveredYears: readonly number[];
  readonly uncoveredYears: UncoveredYears;
  private readonly holidays = new Map<number, string>();
  private readonly adjustedWorkdays = new Map<number, string>();
  private readonly business: BusinessHours;
  /** Set only on the private copy made by `track`: the provisional years consulted so far. */
  private consulted: Set<number> | null = null;

  constructor(
    private readonly table: HolidayTable,
    private readonly businessHours: Policy['businessHours'],
    options: CalendarOptions = {},
  ) {
    this.uncoveredYears = options.uncoveredYears ?? 'provisional';
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

  /** The calendar to use: years after the table fall back to provisional years, never throw. */
  static fromReference(ref: ReferenceData): WorkingCalendar {
    return new WorkingCalendar(ref.holidays, ref.policy.businessHours);
  }

  /** A calendar that throws `CalendarCoverageError` for every year the table lacks. */
  static strict(ref: ReferenceData): WorkingCalendar {
    return new WorkingCalendar(ref.holidays, ref.policy.businessHours, {
      uncoveredYears: 'strict',
    });
  }

  /**
   * Runs a computation against a copy of this calendar and reports the provisional years whose
   * days it consulted. The computation must be synchronous and use the calendar it is given:
   * `calendar.track((c) => extendDeadline(request, c, policy))`. Nothing is shared or left behind.
   */
  track<T>(compute: (calendar: WorkingCalendar) => T): Tracked<T> {
    const copy = new WorkingCalendar(this.table, this.businessHours, {
      uncoveredYears: this.uncoveredYears,
    });
    const consulted = new Set<number>();
    copy.consulted = consulted;
    const value = compute(copy);
    if (value instanceof Promise) {
      value.catch(() => undefined); // its own failure is beside the point: the misuse is reported
      throw new TypeError('WorkingCalendar.track needs a synchronous computation');
    }
    copy.consulted = null;
    const provisionalYears = [...consulted].sort((a, b) => a - b);
    return { value, provisional: provisionalYears.length > 0, provisionalYears };
  }

  /**
   * Whether a year follows the provisional rules: missing from the table, after its first year
   * (every year when the table is empty), on a non-strict calendar.
   */
  isProvisionalYear(year: number): boolean {
    if (this.uncoveredYears === 'strict' || this.coveredYears.includes(year)) return false;
    return this.coveredYears.length === 0 || year > this.coveredYears[0];
  }

  /** Whether the day (an instant stands for its Shanghai day) is in a provisional year. */
  isProvisional(day: Date | IsoDate): boolean {
    return this.isProvisionalYear(yearOfDayNumber(toDayNumber(day)));
  }

  /** What kind of day it is; an instant stands for the Shanghai day it falls in. */
  dayKind(day: Date | IsoDate): DayKind {
    return this.dayKindOf(toDayNumber(day));
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
    const { kind } = this.dayKindOf(day);
    return kind === 'workday' || kind === 'adjusted_workday';
  }

  /** Every answer about a day comes from here, so `track` sees every day consulted. */
  private dayKindOf(day: number): DayKind {
    const provisional = this.checkCoverage(day);
    // A table entry wins even in a provisional year (a notice may reach into the year before).
    const holiday = this.holidays.get(day);
    if (holiday !== undefined) return { kind: 'holiday', name: holiday, provisional };
    const adjusted = this.adjustedWorkdays.get(day);
    if (adjusted !== undefined) return { kind: 'adjusted_workday', name: adjusted, provisional };
    const fixed = provisional ? fixedDateHolidayOn(day) : undefined;
    if (fixed !== undefined) return { kind: 'holiday', name: fixed, provisional };
    return { kind: isWeekend(day) ? 'weekend' : 'workday', provisional };
  }

  /** True when the day is in a provisional year; throws when the calendar will not answer. */
  private checkCoverage(day: number): boolean {
    const year = yearOfDayNumber(day);
    if (this.coveredYears.includes(year)) return false;
    if (!this.isProvisionalYear(year)) {
      const reason = this.uncoveredYears === 'strict' ? 'strict' : 'before_table';
      throw new CalendarCoverageError(year, this.coveredYears, reason);
    }
    this.consulted?.add(year);
    return true;
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
