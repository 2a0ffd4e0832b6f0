/**
 * The provisional year: what the calendar uses for a year whose State Council holiday notice is
 * not in the holiday table yet (normally the coming year, from mid-December on).
 *
 * It holds only what the law fixes by date, 全国年节及纪念日放假办法 as revised in 2024
 * (in force since 1 January 2025):
 *
 * - 元旦 (New Year's Day): 1 January, 1 day;
 * - 劳动节 (Labour Day): 1–2 May, 2 days;
 * - 国庆节 (National Day): 1–3 October, 3 days;
 * - and every Saturday and Sunday is a rest day.
 *
 * Left out, because only the yearly notice settles them:
 *
 * - the lunar-calendar holidays (春节, 清明节, 端午节, 中秋节), whose dates move every year;
 * - adjusted working weekends (调休上班) and the longer breaks they pay for;
 * - the make-up day (补假) for a holiday that falls on a weekend: the law grants one, but the
 *   notice chooses which working day it is.
 *
 * A provisional year therefore has fewer rest days than the real one will have (no lunar holidays,
 * no make-up days) and no working weekends, so a deadline computed over it can move either way once
 * the notice is published. Every result that relied on such a day says so (`provisional: true`), so
 * it can be recomputed when the year's table is added to `holidays.json`.
 */
import { isoOfDayNumber } from './shanghai-time';

/** `MM-DD` → holiday name, for the holidays the law fixes by date. */
const FIXED_DATE_HOLIDAYS: ReadonlyMap<string, string> = new Map([
  ['01-01', '元旦'],
  ['05-01', '劳动节'],
  ['05-02', '劳动节'],
  ['10-01', '国庆节'],
  ['10-02', '国庆节'],
  ['10-03', '国庆节'],
]);

/** The fixed-date holiday on this day (any year), or undefined. */
export function fixedDateHolidayOn(dayNumber: number): string | undefined {
  return FIXED_DATE_HOLIDAYS.get(isoOfDayNumber(dayNumber).slice(5));
}
