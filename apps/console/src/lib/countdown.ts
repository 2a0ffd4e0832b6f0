/**
 * Countdowns to a deadline, as the inbox and the SLA board show them: the time left (or how long
 * overdue) in Chinese, and a tone for the colour. Pure: the caller passes `now`.
 */
export type Tone = 'none' | 'normal' | 'soon' | 'overdue';

export interface Countdown {
  tone: Tone;
  /** Milliseconds left; negative once overdue; null without a deadline. */
  remainingMs: number | null;
  text: string;
}

/** "Due soon" below this much time left (the SLA board's default window is 4 hours). */
export const DUE_SOON_MS = 4 * 3600_000;

export function countdown(
  dueAt: string | null | undefined,
  now: number,
  soonMs = DUE_SOON_MS,
): Countdown {
  if (!dueAt) return { tone: 'none', remainingMs: null, text: '无时限' };
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return { tone: 'none', remainingMs: null, text: '无时限' };
  const remainingMs = due - now;
  if (remainingMs <= 0)
    return { tone: 'overdue', remainingMs, text: `已超时 ${duration(-remainingMs)}` };
  return {
    tone: remainingMs <= soonMs ? 'soon' : 'normal',
    remainingMs,
    text: `剩余 ${duration(remainingMs)}`,
  };
}

/** 2天3小时 / 3小时5分 / 5分12秒 / 12秒: the two largest units, enough to act on. */
export function duration(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (days > 0) return `${days}天${hours}小时`;
  if (hours > 0) return `${hours}小时${minutes}分`;
  if (minutes > 0) return `${minutes}分${seconds}秒`;
  return `${seconds}秒`;
}

/** The Ant Design colour for a tone (Tag colours). */
export const TONE_COLOR: Record<Tone, string> = {
  none: 'default',
  normal: 'green',
  soon: 'orange',
  overdue: 'red',
};
