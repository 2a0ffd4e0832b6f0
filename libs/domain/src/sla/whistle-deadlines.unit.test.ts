import { WorkingCalendar } from '../calendar/working-calendar';
import { sampleReferenceData } from '../reference/sample';
import { callbackWindow } from './callback';
import { whistleReportDeadline } from './whistle-deadlines';

const ref = sampleReferenceData();
const calendar = WorkingCalendar.fromReference(ref);
const at = (local: string) => new Date(`${local}+08:00`);

describe('whistle report deadlines', () => {
  const blownAt = at('2026-09-30T15:00:00');

  it.each([
    ['emergency', '2026-09-30T15:30:00'],
    ['routine', '2026-10-01T15:00:00'],
    // Three working days after the eve of National Day: 8, 9 and the adjusted Saturday 10 October.
    ['key_task', '2026-10-10T23:59:59.999'],
  ] as const)('%s whistle: report by %s', (type, due) => {
    expect(whistleReportDeadline(type, blownAt, calendar, ref.policy)).toEqual({
      reportBy: at(due),
      provisional: false,
      provisionalYears: [],
    });
  });

  it('counts a key-task whistle into the provisional 2027 and says so', () => {
    // 31 December, then 4 and 5 January (1 January is 元旦, 2–3 a weekend).
    expect(
      whistleReportDeadline('key_task', at('2026-12-30T15:00:00'), calendar, ref.policy),
    ).toEqual({
      reportBy: at('2027-01-05T23:59:59.999'),
      provisional: true,
      provisionalYears: [2027],
    });
    expect(
      whistleReportDeadline('routine', at('2026-12-31T15:00:00'), calendar, ref.policy).provisional,
    ).toBe(false);
  });
});

describe('callback window (回访)', () => {
  it('is the working day after the result', () => {
    expect(callbackWindow(at('2026-11-20T16:00:00'), calendar)).toEqual({
      day: '2026-11-23',
      opensAt: at('2026-11-23T09:00:00'),
      dueBy: at('2026-11-23T23:59:59.999'),
      provisional: false,
      provisionalYears: [],
    });
  });

  it('is provisional when the working day after is in 2027', () => {
    expect(callbackWindow(at('2026-12-31T16:00:00'), calendar)).toEqual({
      day: '2027-01-04',
      opensAt: at('2027-01-04T09:00:00'),
      dueBy: at('2027-01-04T23:59:59.999'),
      provisional: true,
      provisionalYears: [2027],
    });
  });
});
