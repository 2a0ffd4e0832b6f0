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
    expect(whistleReportDeadline(type, blownAt, calendar, ref.policy)).toEqual(at(due));
  });
});

describe('callback window (回访)', () => {
  it('is the working day after the result', () => {
    expect(callbackWindow(at('2026-11-20T16:00:00'), calendar)).toEqual({
      day: '2026-11-23',
      opensAt: at('2026-11-23T09:00:00'),
      dueBy: at('2026-11-23T23:59:59.999'),
    });
  });
});
