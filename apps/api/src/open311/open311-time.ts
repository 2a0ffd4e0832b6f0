/**
 * GeoReport v2 times are W3C/ISO 8601 with a zone. Ours are written in the jurisdiction's own
 * zone, Asia/Shanghai (UTC+8 all year, no daylight saving), e.g. 2026-11-23T09:15:00+08:00.
 */
const SHANGHAI_OFFSET_MINUTES = 8 * 60;

export function isoWithZone(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  const local = new Date(date.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

const W3C_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * `2026-11-23`, `2026-11-23T09:15Z`, `2026-11-23T09:15:00.5+08:00` … A date or a time without a
 * zone is read in the jurisdiction's zone. Null for anything else, including impossible dates
 * (2026-02-30) and out-of-range fields: the caller answers 400, never a 500.
 */
export function parseW3cDateTime(text: string): Date | null {
  const m = W3C_DATE.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) =>
    Number(v ?? 0),
  ) as [number, number, number, number, number, number];
  const millis = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  const offset = zoneOffsetMinutes(m[8]);
  if (offset === null || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1) return null;
  if (check.getUTCDate() !== day) return null;
  return new Date(utc - offset * 60_000);
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined) return SHANGHAI_OFFSET_MINUTES;
  if (zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 14 || minutes > 59) return null;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
