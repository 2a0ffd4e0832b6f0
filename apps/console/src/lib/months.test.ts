import { monthsUpTo, shanghaiMonth } from './months';

describe('months', () => {
  it('counts the month in Beijing time', () => {
    expect(shanghaiMonth(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(shanghaiMonth(new Date('2026-11-30T15:30:00Z'))).toBe('2026-11');
  });
  it('lists months back across a year end', () => {
    expect(monthsUpTo('2027-02', 4)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });
});
