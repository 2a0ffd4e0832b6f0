import { act, render, screen } from '@testing-library/react';
import { CountdownTag } from './common';

describe('CountdownTag', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-23T09:00:00+08:00'));
  });
  afterEach(() => vi.useRealTimers());

  it('ticks every second and turns red once the limit passes', () => {
    render(<CountdownTag dueAt="2026-11-23T09:00:02+08:00" kind="acknowledge" />);
    const tag = screen.getByLabelText(/签收时限/);
    expect(tag.textContent).toContain('剩余 2秒');
    expect(tag.getAttribute('data-tone')).toBe('soon');
    act(() => vi.advanceTimersByTime(3000));
    expect(screen.getByLabelText(/签收时限/).textContent).toContain('已超时 1秒');
    expect(screen.getByLabelText(/签收时限/).getAttribute('data-tone')).toBe('overdue');
  });

  it('says so when there is no limit', () => {
    render(<CountdownTag dueAt={null} />);
    expect(screen.getByText('无时限')).toBeTruthy();
  });
});
