import { BadRequestException } from '@nestjs/common';
import { parseW3cDateTime } from './open311-time';

/** GET requests: at most 90 days apart, and by default the last 90 days (GeoReport v2). */
export const MAX_WINDOW_DAYS = 90;
/** …or the newest 1,000 requests, whichever is fewer. */
export const MAX_RESULTS = 1000;
const MAX_IDS = 100;
const DAY_MS = 86_400_000;

export type ListQuery =
  | { kind: 'ids'; ids: string[] }
  | {
      kind: 'window';
      start: Date;
      end: Date;
      serviceCodes: string[] | null;
      status: 'open' | 'closed' | null;
    };

/**
 * The spec's filters: service_request_id (a comma list, which overrides every other filter),
 * service_code (a comma list), start_date and end_date, status (open, closed or both).
 */
export function parseListQuery(q: Record<string, unknown>, now: Date): ListQuery {
  const ids = list(q, 'service_request_id');
  if (ids) {
    if (ids.length > MAX_IDS)
      throw new BadRequestException(`service_request_id: at most ${MAX_IDS} ids at once`);
    return { kind: 'ids', ids };
  }
  const statuses = list(q, 'status');
  for (const s of statuses ?? []) {
    if (s !== 'open' && s !== 'closed')
      throw new BadRequestException(
        `status must be open, closed or both (open,closed), not "${s}"`,
      );
  }
  const status =
    statuses && new Set(statuses).size === 1 ? (statuses[0] as 'open' | 'closed') : null;
  const { start, end } = window(date(q, 'start_date'), date(q, 'end_date'), now);
  return { kind: 'window', start, end, serviceCodes: list(q, 'service_code'), status };
}

function window(start: Date | null, end: Date | null, now: Date) {
  const span = MAX_WINDOW_DAYS * DAY_MS;
  if (start && end) {
    if (end < start) throw new BadRequestException('end_date is before start_date');
    if (end.getTime() - start.getTime() > span)
      throw new BadRequestException(
        `start_date and end_date may be at most ${MAX_WINDOW_DAYS} days apart`,
      );
    return { start, end };
  }
  if (start) return { start, end: new Date(start.getTime() + span) };
  if (end) return { start: new Date(end.getTime() - span), end };
  return { start: new Date(now.getTime() - span), end: now };
}

/** A repeated parameter counts as one comma list; empty items are dropped. */
function list(q: Record<string, unknown>, name: string): string[] | null {
  const value = q[name];
  if (value === undefined) return null;
  const parts = (Array.isArray(value) ? value : [value])
    .map((v) => (typeof v === 'string' ? v : ''))
    .join(',')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.some((p) => p.length > 64))
    throw new BadRequestException(`${name}: an item is too long`);
  return parts.length > 0 ? parts : null;
}

function date(q: Record<string, unknown>, name: string): Date | null {
  const value = q[name];
  if (value === undefined || value === '') return null;
  const parsed = typeof value === 'string' ? parseW3cDateTime(value) : null;
  if (!parsed)
    throw new BadRequestException(
      `${name} must be a W3C date-time with a zone, e.g. 2026-11-01T00:00:00+08:00 or 2026-11-01T00:00:00Z`,
    );
  return parsed;
}
