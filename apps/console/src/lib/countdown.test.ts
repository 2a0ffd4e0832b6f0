import { countdown, duration } from './countdown';

const now = Date.parse('2026-11-23T09:00:00+08:00');
const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();

describe('countdown', () => {
  it('has no deadline to count to', () => {
    expect(countdown(null, now)).toEqual({ tone: 'none', remainingMs: null, text: '无时限' });
    expect(countdown('not a date', now).tone).toBe('none');
  });

  it('is normal while more than the due-soon window is left', () => {
    const c = countdown(at(24 * 60 + 90), now);
    expect(c.tone).toBe('normal');
    expect(c.text).toBe('剩余 1天1小时');
  });

  it('turns to due soon inside the window, and overdue once the limit has passed', () => {
    expect(countdown(at(4 * 60), now).tone).toBe('soon');
    expect(countdown(at(4 * 60 + 1), now).tone).toBe('normal');
    expect(countdown(at(30), now, 3600_000)).toMatchObject({ tone: 'soon', text: '剩余 30分0秒' });
    expect(countdown(at(0), now).tone).toBe('overdue');
    expect(countdown(at(-125), now)).toMatchObject({ tone: 'overdue', text: '已超时 2小时5分' });
  });

  it('counts down as time passes', () => {
    const due = at(2);
    expect(countdown(due, now).text).toBe('剩余 2分0秒');
    expect(countdown(due, now + 61_000).text).toBe('剩余 59秒');
    expect(countdown(due, now + 121_000).text).toBe('已超时 1秒');
  });
});

describe('duration', () => {
  it('shows the two largest units', () => {
    expect(duration(3 * 86_400_000 + 5 * 3600_000 + 59_000)).toBe('3天5小时');
    expect(duration(3600_000)).toBe('1小时0分');
    expect(duration(999)).toBe('0秒');
  });
});
