import fc from 'fast-check';
import { sampleReferenceData } from '../reference/sample';
import { DAY_MS, HOUR_MS } from './shanghai-time';
import { WorkingCalendar } from './working-calendar';

const calendar = WorkingCalendar.fromReference(sampleReferenceData());
const strict = WorkingCalendar.strict(sampleReferenceData());

const between = (min: string, max: string) =>
  fc
    .integer({ min: Date.parse(`${min}+08:00`), max: Date.parse(`${max}+08:00`) })
    .map((ms) => new Date(ms));

// Results stay inside the covered years 2025–2026.
const coveredInstant = between('2025-02-15T00:00:00', '2026-10-31T23:59:59');
// The table (2025–2026) and the provisional 2027, with weight on the turn of the year.
const instant = fc.oneof(
  coveredInstant,
  between('2026-11-15T00:00:00', '2027-01-20T23:59:59'),
  between('2027-01-01T00:00:00', '2027-11-30T23:59:59'),
);
const workingDays = fc.integer({ min: -25, max: 25 }).filter((n) => n !== 0);
const naturalDays = fc.integer({ min: 1, max: 30 });
const officeHours = fc.integer({ min: 0, max: 7 * 40 }).map((quarters) => quarters / 4);

const isEndOfDay = (d: Date) => (d.getTime() + 8 * HOUR_MS + 1) % DAY_MS === 0;

describe('working-day arithmetic (properties)', () => {
  it('never lands on a non-working day, and always at the end of a day', () => {
    fc.assert(
      fc.property(instant, workingDays, (from, n) => {
        const deadline = calendar.addWorkingDays(from, n);
        return calendar.isWorkingDay(deadline) && isEndOfDay(deadline);
      }),
    );
  });

  it('is undone by counting: workingDaysBetween(from, addWorkingDays(from, n)) = n', () => {
    fc.assert(
      fc.property(instant, workingDays, (from, n) => {
        expect(calendar.workingDaysBetween(from, calendar.addWorkingDays(from, n))).toBe(n);
      }),
    );
  });

  it('is monotonic in n and in the start', () => {
    fc.assert(
      fc.property(instant, instant, workingDays, workingDays, (a, b, n, m) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const [few, many] = n <= m ? [n, m] : [m, n];
        expect(calendar.addWorkingDays(early, few).getTime()).toBeLessThanOrEqual(
          calendar.addWorkingDays(early, many).getTime(),
        );
        expect(calendar.addWorkingDays(early, n).getTime()).toBeLessThanOrEqual(
          calendar.addWorkingDays(late, n).getTime(),
        );
      }),
    );
  });

  it('counts antisymmetrically', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        expect(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, a)).toBe(0);
      }),
    );
  });
});

describe('natural-day deadlines (properties)', () => {
  it('end on a working day, at least n days later, and move forward with the start', () => {
    fc.assert(
      fc.property(instant, instant, naturalDays, (a, b, n) => {
        const deadline = calendar.addNaturalDays(a, n);
        expect(calendar.isWorkingDay(deadline)).toBe(true);
        expect(deadline.getTime() - a.getTime()).toBeGreaterThan((n - 1) * DAY_MS);
        if (a <= b)
          expect(deadline.getTime()).toBeLessThanOrEqual(calendar.addNaturalDays(b, n).getTime());
      }),
    );
  });
});

describe('business hours (properties)', () => {
  it('adding h business hours spans exactly h business hours, never backwards', () => {
    fc.assert(
      fc.property(instant, officeHours, (from, h) => {
        const end = calendar.addBusinessHours(from, h);
        expect(end.getTime()).toBeGreaterThanOrEqual(from.getTime());
        expect(calendar.businessHoursBetween(from, end)).toBeCloseTo(h, 9);
      }),
    );
  });
});

describe('covered and provisional years (properties)', () => {
  const isCovered = (d: Date) => d < new Date('2027-01-01T00:00:00+08:00');

  it('answers the covered years exactly as the strict calendar, and never provisionally', () => {
    fc.assert(
      fc.property(coveredInstant, workingDays, naturalDays, (from, n, m) => {
        expect(calendar.addWorkingDays(from, n)).toEqual(strict.addWorkingDays(from, n));
        expect(calendar.addNaturalDays(from, m)).toEqual(strict.addNaturalDays(from, m));
        expect(calendar.dayKind(from)).toEqual(strict.dayKind(from));
        expect(calendar.dayKind(from).provisional).toBe(false);
      }),
    );
  });

  it('marks exactly the days from 2027 on as provisional', () => {
    fc.assert(
      fc.property(instant, (day) => {
        expect(calendar.dayKind(day).provisional).toBe(!isCovered(day));
        expect(calendar.isProvisional(day)).toBe(!isCovered(day));
      }),
    );
  });

  it('tracks a result as provisional exactly when a day it counted over is in 2027', () => {
    fc.assert(
      fc.property(instant, workingDays, naturalDays, (from, n, m) => {
        const working = calendar.track((c) => c.addWorkingDays(from, n));
        // Counting either way consults every day between the start's day and the result.
        expect(working.provisional).toBe(!isCovered(from) || !isCovered(working.value));
        // Natural days consult only the n-th day and the days it runs on over.
        const natural = calendar.track((c) => c.addNaturalDays(from, m));
        expect(natural.provisional).toBe(!isCovered(natural.value));
        expect(natural.provisionalYears).toEqual(natural.provisional ? [2027] : []);
      }),
    );
  });
});
