import { sampleReferenceData } from '../reference/sample';
import { CalendarCoverageError, WorkingCalendar } from './working-calendar';

const calendar = WorkingCalendar.fromReference(sampleReferenceData());
const at = (local: string) => new Date(`${local}+08:00`);

describe('day kinds over the 2026 table', () => {
  it.each([
    ['2026-10-01', { kind: 'holiday', name: '国庆节', provisional: false }],
    ['2026-10-10', { kind: 'adjusted_workday', name: '国庆节', provisional: false }],
    ['2026-09-20', { kind: 'adjusted_workday', name: '国庆节', provisional: false }],
    ['2026-10-11', { kind: 'weekend', provisional: false }],
    ['2026-10-09', { kind: 'workday', provisional: false }],
    ['2026-02-23', { kind: 'holiday', name: '春节', provisional: false }],
    ['2025-10-08', { kind: 'holiday', name: '国庆节、中秋节', provisional: false }],
    ['2026-12-31', { kind: 'workday', provisional: false }],
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

describe('years without a holiday table: the provisional year', () => {
  it.each([
    ['2027-01-01', { kind: 'holiday', name: '元旦', provisional: true }],
    ['2027-01-02', { kind: 'weekend', provisional: true }],
    ['2027-01-03', { kind: 'weekend', provisional: true }],
    ['2027-01-04', { kind: 'workday', provisional: true }],
    ['2027-05-01', { kind: 'holiday', name: '劳动节', provisional: true }],
    ['2027-05-02', { kind: 'holiday', name: '劳动节', provisional: true }],
    // No make-up day (补假) for a holiday on a weekend: the notice would choose it.
    ['2027-05-03', { kind: 'workday', provisional: true }],
    ['2027-10-01', { kind: 'holiday', name: '国庆节', provisional: true }],
    ['2027-10-03', { kind: 'holiday', name: '国庆节', provisional: true }],
    ['2027-10-04', { kind: 'workday', provisional: true }],
    // No lunar holidays: 8 February 2027 is in the Spring Festival week, but only the notice says so.
    ['2027-02-08', { kind: 'workday', provisional: true }],
    ['2028-01-01', { kind: 'holiday', name: '元旦', provisional: true }], // a Saturday
    ['2028-05-01', { kind: 'holiday', name: '劳动节', provisional: true }],
  ])('%s', (day, kind) => {
    expect(calendar.dayKind(day)).toEqual(kind);
  });

  it('knows which days and years are provisional', () => {
    expect(calendar.isProvisional('2026-12-31')).toBe(false);
    expect(calendar.isProvisional(at('2026-12-31T23:59:59.999'))).toBe(false);
    expect(calendar.isProvisional(at('2027-01-01T00:00:00'))).toBe(true);
    expect(calendar.isProvisional('2030-06-01')).toBe(true);
    expect([2024, 2025, 2026, 2027].map((y) => calendar.isProvisionalYear(y))).toEqual([
      false,
      false,
      false,
      true,
    ]);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2027-01-04')).toBe(true);
  });

  it('counts across 31 December 2026 into the provisional 2027', () => {
    expect(calendar.nextWorkingDay('2026-12-31')).toBe('2027-01-04');
    // Acknowledged Friday 25 December: day 7 is the 元旦 holiday, then a weekend.
    expect(calendar.addNaturalDays(at('2026-12-25T10:00:00'), 7)).toEqual(
      at('2027-01-04T23:59:59.999'),
    );
    expect(calendar.addNaturalDays(at('2026-12-28T10:00:00'), 7)).toEqual(
      at('2027-01-04T23:59:59.999'),
    );
    expect(calendar.addWorkingDays(at('2026-12-30T10:00:00'), 2)).toEqual(
      at('2027-01-04T23:59:59.999'),
    );
    expect(calendar.addWorkingDays(at('2027-01-04T10:00:00'), -1)).toEqual(
      at('2026-12-31T23:59:59.999'),
    );
    expect(calendar.workingDaysBetween(at('2026-12-31T10:00:00'), at('2027-01-05T10:00:00'))).toBe(
      2,
    );
    expect(calendar.addBusinessHours(at('2026-12-31T17:00:00'), 1)).toEqual(
      at('2027-01-04T09:30:00'),
    );
    expect(calendar.nextWorkingDayOpening(at('2026-12-31T12:00:00'))).toEqual(
      at('2027-01-04T09:00:00'),
    );
  });

  it('leaves the covered years exactly as the table says', () => {
    const strict = WorkingCalendar.strict(sampleReferenceData());
    for (let day = Date.parse('2025-01-01'); day <= Date.parse('2026-12-31'); day += 86_400_000) {
      const iso = new Date(day).toISOString().slice(0, 10);
      expect(calendar.dayKind(iso)).toEqual(strict.dayKind(iso));
      expect(calendar.dayKind(iso).provisional).toBe(false);
    }
  });

  it('falls back for a year missing between covered ones, and lets a table entry win', () => {
    const ref = sampleReferenceData();
    const [y2025, y2026] = ref.holidays.years;
    const y2028 = {
      ...y2026,
      year: 2028,
      holidays: [{ name: '元旦', from: '2027-12-31', to: '2028-01-02' }],
      adjustedWorkdays: [],
    };
    const gap = new WorkingCalendar({ years: [y2025, y2028] }, ref.policy.businessHours);
    // 2026 is missing: National Day falls back to 1–3 October, 2026's 春节 is an ordinary Tuesday.
    expect(gap.dayKind('2026-10-05')).toEqual({ kind: 'workday', provisional: true });
    expect(gap.dayKind('2026-09-20')).toEqual({ kind: 'weekend', provisional: true });
    expect(gap.dayKind('2026-02-17')).toEqual({ kind: 'workday', provisional: true });
    // The 2028 notice reaches back into the missing 2027.
    expect(gap.dayKind('2027-12-31')).toEqual({ kind: 'holiday', name: '元旦', provisional: true });
    expect(gap.dayKind('2028-01-03')).toEqual({ kind: 'workday', provisional: false });
    expect(() => gap.dayKind('2024-12-31')).toThrow(CalendarCoverageError);
  });

  it('makes every year provisional when the table is empty', () => {
    const empty = new WorkingCalendar({ years: [] }, sampleReferenceData().policy.businessHours);
    expect(empty.dayKind('2026-10-01')).toEqual({
      kind: 'holiday',
      name: '国庆节',
      provisional: true,
    });
    expect(empty.isProvisionalYear(1999)).toBe(true);
  });

  it('still throws before the first covered year: that is a wrong date, not a missing notice', () => {
    expect(() => calendar.dayKind('2024-12-31')).toThrow(CalendarCoverageError);
    expect(() => calendar.dayKind('2024-12-31')).toThrow(/No holiday table for 2024 .*not guessed/);
    try {
      calendar.addWorkingDays(at('2025-01-06T10:00:00'), -5);
      throw new Error('expected a CalendarCoverageError');
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarCoverageError);
      expect(error).toMatchObject({
        year: 2024,
        coveredYears: [2025, 2026],
        reason: 'before_table',
      });
    }
  });

  it('still answers for clock time, which needs no table', () => {
    expect(calendar.addClockHours(at('2026-12-31T23:00:00'), 2)).toEqual(at('2027-01-01T01:00:00'));
  });
});

describe('a strict calendar', () => {
  const strict = WorkingCalendar.strict(sampleReferenceData());

  it('throws a clear error for any year the table lacks', () => {
    expect(() => strict.isWorkingDay('2027-01-04')).toThrow(CalendarCoverageError);
    expect(() => strict.isWorkingDay('2027-01-04')).toThrow(
      /No holiday table for 2027 .*strict.*holidays\.json/,
    );
    expect(() => strict.addNaturalDays(at('2026-12-28T10:00:00'), 7)).toThrow(
      CalendarCoverageError,
    );
    expect(() => strict.dayKind('2024-12-31')).toThrow(/2024/);
    expect(strict.isProvisional('2027-01-04')).toBe(false);
  });

  it('answers for the covered years', () => {
    expect(strict.addNaturalDays(at('2026-11-21T15:00:00'), 7)).toEqual(
      at('2026-11-30T23:59:59.999'),
    );
  });
});

describe('track: which provisional years a computation relied on', () => {
  it('reports the provisional years whose days were consulted', () => {
    expect(calendar.track((c) => c.addNaturalDays(at('2026-12-25T10:00:00'), 7))).toEqual({
      value: at('2027-01-04T23:59:59.999'),
      provisional: true,
      provisionalYears: [2027],
    });
    expect(
      calendar.track((c) => [c.isWorkingDay('2028-03-01'), c.isWorkingDay('2027-03-01')]),
    ).toMatchObject({ provisional: true, provisionalYears: [2027, 2028] });
  });

  it('is not provisional when every day consulted is covered', () => {
    expect(calendar.track((c) => c.addNaturalDays(at('2026-11-20T15:00:00'), 7))).toEqual({
      value: at('2026-11-27T23:59:59.999'),
      provisional: false,
      provisionalYears: [],
    });
    // Natural days only consult the n-th day and after: 27 December is a Sunday, 28th a Monday.
    expect(calendar.track((c) => c.addNaturalDays(at('2026-12-20T10:00:00'), 7)).provisional).toBe(
      false,
    );
    // Clock time crosses the year without asking the calendar.
    expect(calendar.track((c) => c.addClockHours(at('2026-12-31T23:00:00'), 48)).provisional).toBe(
      false,
    );
  });

  it('counts a backwards count starting in a provisional year', () => {
    expect(calendar.track((c) => c.addWorkingDays(at('2027-01-04T10:00:00'), -1))).toMatchObject({
      value: at('2026-12-31T23:59:59.999'),
      provisional: true,
    });
  });

  it('keeps nothing between calls and ignores the outer calendar', () => {
    calendar.track((c) => c.isWorkingDay('2027-01-04'));
    expect(calendar.track((c) => c.isWorkingDay('2026-11-23')).provisional).toBe(false);
    expect(calendar.track(() => calendar.isWorkingDay('2027-01-04')).provisional).toBe(false);
  });

  it('refuses an asynchronous computation', () => {
    expect(() => calendar.track(async (c) => c.isWorkingDay('2027-01-04'))).toThrow(TypeError);
  });
});
