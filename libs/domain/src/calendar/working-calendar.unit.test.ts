import { sampleReferenceData } from '../reference/sample';
import { CalendarCoverageError, WorkingCalendar } from './working-calendar';

const calendar = WorkingCalendar.fromReference(sampleReferenceData());
const at = (local: string) => new Date(`${local}+08:00`);

describe('day kinds over the 2026 table', () => {
  it.each([
    ['2026-10-01', { kind: 'holiday', name: '国庆节' }],
    ['2026-10-10', { kind: 'adjusted_workday', name: '国庆节' }],
    ['2026-09-20', { kind: 'adjusted_workday', name: '国庆节' }],
    ['2026-10-11', { kind: 'weekend' }],
    ['2026-10-09', { kind: 'workday' }],
    ['2026-02-23', { kind: 'holiday', name: '春节' }],
    ['2025-10-08', { kind: 'holiday', name: '国庆节、中秋节' }],
  ])('%s', (day, kind) => {
    expect(calendar.dayKind(day)).toEqual(kind);
  });

  it('reads an instant in Shanghai time, not UTC', () => {
    // 30 Sep 20:00 UTC is already 1 October 04:00 in Beijing.
    expect(calendar.isWorkingDay(new Date('2026-09-30T20:00:00Z'))).toBe(false);
    expect(calendar.isWorkingDay(new Date('2026-09-30T15:59:59Z'))).toBe(true);
  });

  it('finds the next working day across the National Day holiday', () => {
    expect(calendar.nextWorkingDay('2026-09-30')).toBe('2026-10-08');
    expect(calendar.nextWorkingDay('2026-10-09')).toBe('2026-10-10');
  });
});

describe('working days', () => {
  it('counts from the day after, skipping the holiday and using the adjusted Saturday', () => {
    const eve = at('2026-09-30T16:00:00');
    expect(calendar.addWorkingDays(eve, 1)).toEqual(at('2026-10-08T23:59:59.999'));
    expect(calendar.addWorkingDays(eve, 3)).toEqual(at('2026-10-10T23:59:59.999'));
    expect(calendar.addWorkingDays(eve, 4)).toEqual(at('2026-10-12T23:59:59.999'));
  });

  it('counts backwards so that counting again gives -n', () => {
    const monday = at('2026-10-12T10:00:00');
    expect(calendar.addWorkingDays(monday, -1)).toEqual(at('2026-10-10T23:59:59.999'));
    expect(calendar.workingDaysBetween(monday, calendar.addWorkingDays(monday, -4))).toBe(-4);
    // A Saturday counts with the Friday before it, so one working day back is Thursday.
    expect(calendar.addWorkingDays(at('2026-11-21T10:00:00'), -1)).toEqual(
      at('2026-11-19T23:59:59.999'),
    );
  });

  it('counts working days between two instants, both ways', () => {
    expect(calendar.workingDaysBetween(at('2026-09-30T09:00:00'), at('2026-10-10T09:00:00'))).toBe(
      3,
    );
    expect(calendar.workingDaysBetween(at('2026-10-10T09:00:00'), at('2026-09-30T09:00:00'))).toBe(
      -3,
    );
    expect(calendar.workingDaysBetween(at('2026-11-23T09:00:00'), at('2026-11-23T18:00:00'))).toBe(
      0,
    );
  });

  it('rejects zero and fractions', () => {
    expect(() => calendar.addWorkingDays(at('2026-11-23T09:00:00'), 0)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(at('2026-11-23T09:00:00'), 1.5)).toThrow(RangeError);
  });
});

describe('natural days', () => {
  it('ends at the end of the n-th day when that is a working day', () => {
    expect(calendar.addNaturalDays(at('2026-11-20T15:00:00'), 7)).toEqual(
      at('2026-11-27T23:59:59.999'),
    );
  });

  it('runs on past a weekend or holiday to the next working day', () => {
    expect(calendar.addNaturalDays(at('2026-11-21T15:00:00'), 7)).toEqual(
      at('2026-11-30T23:59:59.999'),
    );
    expect(calendar.addNaturalDays(at('2026-09-30T15:00:00'), 7)).toEqual(
      at('2026-10-08T23:59:59.999'),
    );
  });
});

describe('clock and business hours', () => {
  it('adds clock hours 7×24, holidays or not', () => {
    expect(calendar.addClockHours(at('2026-09-30T23:00:00'), 24)).toEqual(
      at('2026-10-01T23:00:00'),
    );
    expect(calendar.addClockMinutes(at('2026-10-01T23:50:00'), 15)).toEqual(
      at('2026-10-02T00:05:00'),
    );
  });

  it('adds business hours across lunch, the weekend and the holiday', () => {
    expect(calendar.addBusinessHours(at('2026-11-23T11:30:00'), 1)).toEqual(
      at('2026-11-23T14:00:00'),
    );
    expect(calendar.addBusinessHours(at('2026-11-20T16:30:00'), 2)).toEqual(
      at('2026-11-23T10:00:00'),
    );
    expect(calendar.addBusinessHours(at('2026-09-30T17:00:00'), 1)).toEqual(
      at('2026-10-08T09:30:00'),
    );
    expect(calendar.addBusinessHours(at('2026-11-22T03:00:00'), 3)).toEqual(
      at('2026-11-23T12:00:00'),
    );
  });

  it('measures business hours between instants', () => {
    expect(
      calendar.businessHoursBetween(at('2026-11-20T16:30:00'), at('2026-11-23T10:00:00')),
    ).toBe(2);
    expect(
      calendar.businessHoursBetween(at('2026-11-23T10:00:00'), at('2026-11-20T16:30:00')),
    ).toBe(-2);
  });

  it('opens the next working day at 09:00', () => {
    expect(calendar.nextWorkingDayOpening(at('2026-09-30T23:59:00'))).toEqual(
      at('2026-10-08T09:00:00'),
    );
  });
});

describe('years without a holiday table', () => {
  it('throws a clear error instead of guessing', () => {
    expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(CalendarCoverageError);
    expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(
      /No holiday table for 2027 .*holidays\.json/,
    );
    expect(() => calendar.addNaturalDays(at('2026-12-28T10:00:00'), 7)).toThrow(
      CalendarCoverageError,
    );
    expect(() => calendar.dayKind('2024-12-31')).toThrow(/2024/);
  });

  it('still answers for clock time, which needs no table', () => {
    expect(calendar.addClockHours(at('2026-12-31T23:00:00'), 2)).toEqual(at('2027-01-01T01:00:00'));
  });
});
