import { HttpException, HttpStatus } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { LRUCache } from 'lru-cache';
import { isIPv6 } from 'node:net';
import { open311ErrorFor } from '../open311/open311-format';

/**
 * Request limits, in two layers (each API instance limits on its own, which is enough to protect
 * it; a shared limit would live in the gateway):
 *
 * - per client address, before anything else is done with the request (`rateLimitPerIp`, an
 *   Express middleware ahead of body parsing): what a client sends in its headers — a junk
 *   Authorization header each time — does not give it a new window;
 * - per authenticated user, once the token is verified (`AuthGuard` calls `hit` with the token's
 *   subject), so one user cannot starve the others behind the same address (a call centre).
 *
 * Counters are fixed one-minute windows kept in a bounded LRU map (`lru-cache`): when it is full,
 * the least recently seen client's counter is dropped — never everyone's at once.
 */
export const WINDOW_MS = 60_000;
/** Enough for every client address and user of a city's hotline in one minute, many times over. */
export const DEFAULT_MAX_KEYS = 100_000;

export interface LimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends (for Retry-After). */
  retryAfterSeconds: number;
}

export class FixedWindowLimiter {
  private readonly windows: LRUCache<string, { start: number; count: number }>;

  constructor(
    readonly perMinute: number,
    maxKeys = DEFAULT_MAX_KEYS,
    private readonly now: () => number = Date.now,
  ) {
    this.windows = new LRUCache({ max: maxKeys });
  }

  /** Counts one request of this client and says whether it may go on. */
  hit(key: string): LimitDecision {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= WINDOW_MS) {
      w = { start: t, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return {
      allowed: w.count <= this.perMinute,
      limit: this.perMinute,
      remaining: Math.max(0, this.perMinute - w.count),
      retryAfterSeconds: Math.max(1, Math.ceil((w.start + WINDOW_MS - t) / 1000)),
    };
  }

  /** How many clients are counted now (bounded by maxKeys). */
  get size(): number {
    return this.windows.size;
  }
}

/**
 * The client's address as the limit sees it. IPv6 clients are counted per /64 (one subscriber's
 * network), or a single host could take a fresh address for each request.
 */
export function clientAddressKey(ip: string | undefined): string {
  const address = (ip ?? 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (!isIPv6(address)) return `ip:${address}`;
  return `ip6:${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) =>
    (g || '0').toLowerCase().replace(/^0+(?=.)/, ''),
  );
}

function setLimitHeaders(res: HeaderSink, d: LimitDecision): void {
  res.setHeader('RateLimit-Limit', String(d.limit));
  res.setHeader('RateLimit-Remaining', String(d.remaining));
  if (!d.allowed) res.setHeader('Retry-After', String(d.retryAfterSeconds));
}

interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

const tooMany = (d: LimitDecision, who: string) =>
  `More than ${d.limit} requests a minute ${who}; retry in ${d.retryAfterSeconds} s`;

/** Per client address, before authentication and before the body is read. */
export function rateLimitPerIp(
  perMinute: number,
  options: { maxKeys?: number; now?: () => number } = {},
) {
  const limiter = new FixedWindowLimiter(perMinute, options.maxKeys, options.now);
  const middleware = (req: Request & { id?: string }, res: Response, next: NextFunction): void => {
    const decision = limiter.hit(clientAddressKey(req.ip ?? req.socket?.remoteAddress));
    setLimitHeaders(res, decision);
    if (decision.allowed) return next();
    const message = tooMany(decision, 'from this address');
    const open311 = open311ErrorFor(String(req.path), 429, message);
    if (open311) {
      res.status(429).setHeader('Content-Type', open311.contentType);
      res.send(open311.body);
      return;
    }
    res.status(429).json({
      statusCode: 429,
      error: 'Too Many Requests',
      message,
      requestId: req.id ?? '',
    });
  };
  return Object.assign(middleware, { limiter });
}

/** Per authenticated user: called by the AuthGuard once the token is verified. */
export class SubjectRateLimit {
  readonly limiter: FixedWindowLimiter;

  constructor(perMinute: number, options: { maxKeys?: number; now?: () => number } = {}) {
    this.limiter = new FixedWindowLimiter(perMinute, options.maxKeys, options.now);
  }

  /** Throws 429 (with Retry-After set on the response) when the user is over the limit. */
  check(subject: string, res: HeaderSink): void {
    const decision = this.limiter.hit(`sub:${subject}`);
    setLimitHeaders(res, decision);
    if (!decision.allowed)
      throw new HttpException(tooMany(decision, 'for this user'), HttpStatus.TOO_MANY_REQUESTS);
  }
}
