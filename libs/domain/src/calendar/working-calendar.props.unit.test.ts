import fc from 'fast-check';
import { sampleReferenceData } from '../reference/sample';
import { DAY_MS, HOUR_MS } from './shanghai-time';
import { WorkingCalendar } from './working-calendar';

const calendar = WorkingCalendar.fromReference(sampleReferenceData());

// Instants whose results stay inside the covered years 2025–2026.
const instant = fc
  .integer({
    min: Date.parse('2025-02-15T00:00:00+08:00'),
    max: Date.parse('2026-10-31T23:59:59+08:00'),
  })
  .map((ms) => new Date(ms));
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
