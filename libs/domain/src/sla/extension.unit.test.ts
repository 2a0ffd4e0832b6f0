import { WorkingCalendar } from '../calendar/working-calendar';
import { sampleReferenceData } from '../reference/sample';
import { canExtendTo, canRequestExtension, extendDeadline, extensionRule } from './extension';

const ref = sampleReferenceData();
const calendar = WorkingCalendar.fromReference(ref);
const at = (local: string) => new Date(`${local}+08:00`);
const handlingBy = at('2026-11-30T23:59:59.999');

describe('extensions (延期)', () => {
  it('allows one extension of at most the original limit, approved by the centre', () => {
    expect(extensionRule('general', ref.policy)).toMatchObject({
      maxCount: 1,
      maxExtra: { unit: 'naturalDays', amount: 7 },
      approver: 'centre',
    });
    expect(extensionRule('utility', ref.policy).maxExtra).toEqual({ unit: 'hours', amount: 24 });
  });

  it('must be requested before the deadline', () => {
    const request = { handlingClass: 'general', handlingBy, extensionsGranted: 0 } as const;
    expect(
      canRequestExtension({ ...request, requestedAt: at('2026-11-30T18:00:00') }, ref.policy),
    ).toMatchObject({ ok: true });
    expect(
      canRequestExtension({ ...request, requestedAt: at('2026-12-01T00:00:00') }, ref.policy),
    ).toMatchObject({
      ok: false,
      code: 'deadline_passed',
    });
  });

  it('refuses a second extension and one longer than the original limit', () => {
    const base = {
      handlingClass: 'general',
      handlingBy,
      requestedAt: at('2026-11-28T10:00:00'),
    } as const;
    expect(canRequestExtension({ ...base, extensionsGranted: 1 }, ref.policy)).toMatchObject({
      code: 'limit_reached',
    });
    expect(
      canRequestExtension({ ...base, extensionsGranted: 0, extra: 8 }, ref.policy),
    ).toMatchObject({ code: 'too_long' });
    expect(
      canRequestExtension({ ...base, extensionsGranted: 0, extra: 2.5 }, ref.policy),
    ).toMatchObject({ code: 'invalid_amount' });
  });

  it('runs the extra time on from the current deadline, over holidays as the original did', () => {
    const request = {
      handlingClass: 'general',
      handlingBy,
      requestedAt: at('2026-11-28T10:00:00'),
      extensionsGranted: 0,
    } as const;
    expect(extendDeadline(request, calendar, ref.policy)).toEqual(at('2026-12-07T23:59:59.999'));
    expect(extendDeadline({ ...request, extra: 3 }, calendar, ref.policy)).toEqual(
      at('2026-12-03T23:59:59.999'),
    );
    expect(() =>
      extendDeadline({ ...request, extensionsGranted: 1 }, calendar, ref.policy),
    ).toThrow(/上限/);
  });

  it('tells through calendar.track when the extended deadline is provisional', () => {
    const request = {
      handlingClass: 'general',
      handlingBy: at('2026-12-28T23:59:59.999'),
      requestedAt: at('2026-12-28T10:00:00'),
      extensionsGranted: 0,
    } as const;
    expect(calendar.track((c) => extendDeadline(request, c, ref.policy))).toEqual({
      value: at('2027-01-04T23:59:59.999'),
      provisional: true,
      provisionalYears: [2027],
    });
  });
});

describe('canExtendTo (延期 to a named limit, as the order workflow asks)', () => {
  const request = {
    requestedAt: at('2026-11-28T10:00:00'),
    handlingBy,
    extensionsGranted: 0,
    requestedHandlingBy: at('2026-12-05T23:59:59.999'),
  };
  const latestHandlingBy = extendDeadline(
    { handlingClass: 'general', handlingBy, requestedAt: handlingBy, extensionsGranted: 0 },
    calendar,
    ref.policy,
  );

  it('allows a later limit up to the longest extension by the calendar', () => {
    expect(canExtendTo(request, ref.policy)).toEqual({ ok: true });
    expect(canExtendTo({ ...request, latestHandlingBy }, ref.policy)).toEqual({ ok: true });
    expect(
      canExtendTo(
        { ...request, requestedHandlingBy: latestHandlingBy, latestHandlingBy },
        ref.policy,
      ),
    ).toEqual({ ok: true });
  });

  it('refuses late, counted-out, not later and too long requests, each with its code', () => {
    const code = (r: Parameters<typeof canExtendTo>[0]) => {
      const check = canExtendTo(r, ref.policy);
      return check.ok ? 'ok' : check.code;
    };
    expect(code({ ...request, requestedAt: at('2026-12-01T00:00:00') })).toBe('deadline_passed');
    expect(code({ ...request, extensionsGranted: 1 })).toBe('limit_reached');
    expect(code({ ...request, requestedHandlingBy: handlingBy })).toBe('not_later');
    expect(code({ ...request, requestedHandlingBy: new Date(Number.NaN) })).toBe('not_later');
    expect(
      code({
        ...request,
        requestedHandlingBy: new Date(latestHandlingBy.getTime() + 1),
        latestHandlingBy,
      }),
    ).toBe('too_long');
  });
});
