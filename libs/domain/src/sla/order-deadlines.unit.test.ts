import { WorkingCalendar } from '../calendar/working-calendar';
import { sampleReferenceData } from '../reference/sample';
import { effectiveHandlingClass, effectiveUrgency, orderDeadlines } from './order-deadlines';

const ref = sampleReferenceData();
const calendar = WorkingCalendar.fromReference(ref);
const at = (local: string) => new Date(`${local}+08:00`);

describe('orderDeadlines', () => {
  it('gives an order received on the eve of National Day 2026 a deadline after the holiday', () => {
    const eve = at('2026-09-30T16:20:00');
    const d = orderDeadlines(
      {
        urgency: 'normal',
        handlingClass: 'general',
        receivedAt: eve,
        dispatchedAt: eve,
        acknowledgedAt: at('2026-09-30T16:45:00'),
      },
      calendar,
      ref.policy,
    );
    // 7 natural days end on 7 October, a holiday: the period runs on to Thursday 8 October.
    expect(d.handling?.handlingBy).toEqual(at('2026-10-08T23:59:59.999'));
    expect(d.handling?.description).toBe('7日（自然日，届满日遇节假日顺延）');
    // Response is clock time: 24 h later, holiday or not.
    expect(d.handling?.responseBy).toEqual(at('2026-10-01T16:45:00'));
    expect(d.handling?.overdueNoticeAt).toEqual(at('2026-10-09T09:00:00'));
    expect(d.provisional).toBe(false);
    expect(d.provisionalYears).toEqual([]);
  });

  it('runs the intake, acknowledgement and return clocks 7×24', () => {
    const received = at('2026-10-03T02:00:00');
    const d = orderDeadlines(
      {
        urgency: 'normal',
        handlingClass: 'general',
        receivedAt: received,
        dispatchedAt: at('2026-10-03T02:04:00'),
      },
      calendar,
      ref.policy,
    );
    expect(d.dispatch).toEqual({ dispatchBy: at('2026-10-03T02:05:00') });
    expect(d.acknowledgement).toEqual({
      acknowledgeBy: at('2026-10-03T03:04:00'),
      returnBy: at('2026-10-03T04:04:00'),
    });
    expect(d.handling).toBeNull();
  });

  it.each([
    ['utility', 'urgent', '2026-11-24T08:00:00'],
    ['emergency', 'emergency', '2026-11-23T10:00:00'],
    ['complex', 'normal', '2026-12-08T23:59:59.999'],
  ] as const)('%s orders acknowledged Monday 08:00 are due %s', (handlingClass, urgency, due) => {
    const d = orderDeadlines(
      { urgency, handlingClass, acknowledgedAt: at('2026-11-23T08:00:00') },
      calendar,
      ref.policy,
    );
    expect(d.handling?.handlingBy).toEqual(at(due));
  });

  it('puts reminders at 50% and 80% of the real span', () => {
    const d = orderDeadlines(
      { urgency: 'urgent', handlingClass: 'utility', acknowledgedAt: at('2026-11-23T08:00:00') },
      calendar,
      ref.policy,
    );
    expect(d.handling?.reminders).toEqual([
      { fraction: 0.5, at: at('2026-11-23T20:00:00') },
      { fraction: 0.8, at: at('2026-11-24T03:12:00') },
    ]);
  });

  it('treats an emergency on either axis as an emergency on both', () => {
    expect(effectiveUrgency('normal', 'emergency')).toBe('emergency');
    expect(effectiveHandlingClass('emergency', 'general')).toBe('emergency');
    expect(effectiveHandlingClass('urgent', 'general')).toBe('general');
    const d = orderDeadlines(
      {
        urgency: 'emergency',
        handlingClass: 'general',
        dispatchedAt: at('2026-11-23T08:00:00'),
        acknowledgedAt: at('2026-11-23T08:10:00'),
      },
      calendar,
      ref.policy,
    );
    expect(d.acknowledgement?.acknowledgeBy).toEqual(at('2026-11-23T08:15:00'));
    expect(d.handling?.responseBy).toEqual(at('2026-11-23T10:10:00'));
    expect(d.handling?.handlingBy).toEqual(at('2026-11-23T10:10:00'));
  });

  describe('into a year without a holiday notice (2027 is provisional)', () => {
    it('gives a 7-day order acknowledged on 25 December 2026 a provisional deadline of 4 January', () => {
      const d = orderDeadlines(
        { urgency: 'normal', handlingClass: 'general', acknowledgedAt: at('2026-12-25T10:00:00') },
        calendar,
        ref.policy,
      );
      // Day 7 is 1 January (元旦, fixed by law), then a weekend: on to Monday 4 January.
      expect(d.handling?.handlingBy).toEqual(at('2027-01-04T23:59:59.999'));
      expect(d.handling?.overdueNoticeAt).toEqual(at('2027-01-05T09:00:00'));
      expect(d.handling?.responseBy).toEqual(at('2026-12-26T10:00:00'));
      expect(d.provisional).toBe(true);
      expect(d.provisionalYears).toEqual([2027]);
    });

    it('gives a 15-day order acknowledged on 17 December 2026 the same provisional deadline', () => {
      const d = orderDeadlines(
        { urgency: 'normal', handlingClass: 'complex', acknowledgedAt: at('2026-12-17T09:00:00') },
        calendar,
        ref.policy,
      );
      expect(d.handling?.handlingBy).toEqual(at('2027-01-04T23:59:59.999'));
      expect(d.provisional).toBe(true);
    });

    it('is provisional when only the overdue notice falls in 2027', () => {
      const d = orderDeadlines(
        { urgency: 'normal', handlingClass: 'general', acknowledgedAt: at('2026-12-24T10:00:00') },
        calendar,
        ref.policy,
      );
      expect(d.handling?.handlingBy).toEqual(at('2026-12-31T23:59:59.999'));
      expect(d.handling?.overdueNoticeAt).toEqual(at('2027-01-04T09:00:00'));
      expect(d.provisional).toBe(true);
    });

    it('is not provisional for clock-time deadlines that cross the year', () => {
      const d = orderDeadlines(
        {
          urgency: 'normal',
          handlingClass: 'utility',
          receivedAt: at('2026-12-31T23:30:00'),
          dispatchedAt: at('2026-12-31T23:34:00'),
        },
        calendar,
        ref.policy,
      );
      expect(d.acknowledgement?.acknowledgeBy).toEqual(at('2027-01-01T00:34:00'));
      expect(d.provisional).toBe(false);
    });

    it('throws on a strict calendar, as before', () => {
      expect(() =>
        orderDeadlines(
          {
            urgency: 'normal',
            handlingClass: 'general',
            acknowledgedAt: at('2026-12-25T10:00:00'),
          },
          WorkingCalendar.strict(ref),
          ref.policy,
        ),
      ).toThrow(/No holiday table for 2027/);
    });
  });
});
