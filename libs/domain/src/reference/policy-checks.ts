/** Consistency checks of the holiday table and the policy numbers. */
import { dayNumberOfIso, isWeekend, minutesOfClock } from '../calendar/shanghai-time';
import { problemAt, type Problems } from './cross-checks';
import type { HolidaysFile, PolicyFile } from './schemas';

export function checkHolidays(file: HolidaysFile): Problems {
  const problems: Problems = [];
  const years = new Set<number>();
  file.years.forEach((table, row) => {
    const at = (field: string, message: string) =>
      problems.push(problemAt('holidays', row, `year ${table.year}`, field, message));
    if (years.has(table.year)) at('year', `duplicate year ${table.year}`);
    years.add(table.year);
    // A holiday may start in late December of the year before (元旦) but not further away.
    const first = dayNumberOfIso(`${table.year - 1}-12-01`);
    const last = dayNumberOfIso(`${table.year + 1}-01-31`);
    const holidayDays = new Set<number>();
    table.holidays.forEach((range, i) => {
      const from = dayNumberOfIso(range.from);
      const to = dayNumberOfIso(range.to);
      if (from > to) at(`holidays[${i}].to`, `ends (${range.to}) before it starts (${range.from})`);
      if (from < first || to > last)
        at(`holidays[${i}]`, `dates fall outside the year ${table.year}`);
      for (let day = from; day <= to; day++) {
        if (holidayDays.has(day)) at(`holidays[${i}]`, `overlaps another holiday`);
        holidayDays.add(day);
      }
    });
    table.adjustedWorkdays.forEach((workday, i) => {
      const day = dayNumberOfIso(workday.date);
      if (!isWeekend(day))
        at(`adjustedWorkdays[${i}].date`, `${workday.date} is not a weekend day`);
      if (holidayDays.has(day))
        at(`adjustedWorkdays[${i}].date`, `${workday.date} is also a holiday`);
    });
  });
  return problems;
}

export function checkPolicy(file: PolicyFile): Problems {
  const problems: Problems = [];
  const at = (field: string, message: string) =>
    problems.push(problemAt('policy', null, null, field, message));
  const { response, resolution, satisfaction } = file.scoring.weights;
  const sum = response + resolution + satisfaction;
  if (Math.abs(sum - 1) > 1e-9) at('scoring.weights', `weights must sum to 1 (got ${sum})`);
  const fractions = file.reminderFractions;
  if (fractions.some((f, i) => i > 0 && f <= fractions[i - 1])) {
    at('reminderFractions', 'must be strictly increasing');
  }
  if (file.whistle.rating.min >= file.whistle.rating.max) {
    at('whistle.rating', 'min must be below max');
  }
  for (const [field, limit] of limitsOf(file)) {
    if (limit.unit.endsWith('Days') && !Number.isInteger(limit.amount)) {
      at(`${field}.amount`, `${limit.unit} must be a whole number (got ${limit.amount})`);
    }
  }
  let previousEnd = -1;
  file.businessHours.forEach((window, i) => {
    const start = minutesOfClock(window.start);
    const end = minutesOfClock(window.end);
    if (start >= end)
      at(`businessHours[${i}]`, `ends (${window.end}) before it starts (${window.start})`);
    if (start < previousEnd) at(`businessHours[${i}]`, 'overlaps or precedes the window before it');
    previousEnd = end;
  });
  return problems;
}

type LimitValue = PolicyFile['intake']['dispatchWithin'];

/** Every limit in the policy with its path, so day-based ones can be checked alike. */
function limitsOf(file: PolicyFile): [string, LimitValue][] {
  const group = (path: string, limits: Record<string, LimitValue>) =>
    Object.entries(limits).map(([key, limit]): [string, LimitValue] => [`${path}.${key}`, limit]);
  return [
    ['intake.dispatchWithin', file.intake.dispatchWithin],
    ['returns.window', file.returns.window],
    ...group('acknowledge', file.acknowledge),
    ...group('response', file.response),
    ...group('handling', file.handling),
    ...group('whistle.reportWithin', file.whistle.reportWithin),
  ];
}
