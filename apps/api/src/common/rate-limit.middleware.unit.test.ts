import { HttpException } from '@nestjs/common';
import { type NextFunction, type Response } from 'express';
import {
  clientAddressKey,
  FixedWindowLimiter,
  rateLimitPerIp,
  SubjectRateLimit,
} from './rate-limit.middleware';

function call(
  limit: ReturnType<typeof rateLimitPerIp>,
  req: { ip?: string; auth?: string; path?: string },
) {
  const headers: Record<string, string> = {};
  let status = 200;
  let body: unknown;
  const res = {
    setHeader: (k: string, v: string) => (headers[k] = v),
    status: (s: number) => ((status = s), res),
    json: (b: unknown) => ((body = b), res),
    send: (b: unknown) => ((body = b), res),
  } as unknown as Response;
  let passed = false;
  limit(
    {
      headers: req.auth ? { authorization: req.auth } : {},
      ip: req.ip ?? '192.0.2.1',
      path: req.path ?? '/orders',
    } as Parameters<typeof limit>[0],
    res,
    (() => (passed = true)) as NextFunction,
  );
  return { passed, status, headers, body };
}

describe('rate limit per client address (before authentication)', () => {
  it('lets an address make its quota a minute, then answers 429 with Retry-After', () => {
    let t = 1_000_000;
    const limit = rateLimitPerIp(3, { now: () => t });
    expect([1, 2, 3].map(() => call(limit, {}).passed)).toEqual([true, true, true]);
    const refused = call(limit, {});
    expect(refused).toMatchObject({ passed: false, status: 429 });
    expect(refused.headers['Retry-After']).toBe('60');
    expect(call(limit, { ip: '192.0.2.2' }).passed).toBe(true); // another client is not affected
    t += 60_000;
    expect(call(limit, {}).passed).toBe(true); // a new window
  });

  it('limits a client that sends a fresh junk Authorization header with every request', () => {
    const limit = rateLimitPerIp(5, { now: () => 0 });
    const passed = Array.from(
      { length: 50 },
      (_, i) => call(limit, { auth: `Bearer junk-${i}` }).passed,
    );
    expect(passed.filter(Boolean)).toHaveLength(5);
  });

  it('answers under /open311 in the spec’s error format', () => {
    const limit = rateLimitPerIp(1, { now: () => 0 });
    call(limit, { path: '/open311/v2/requests.json' });
    const refused = call(limit, { path: '/open311/v2/requests.json' });
    expect(refused.status).toBe(429);
    expect(JSON.parse(String(refused.body))).toEqual([
      { code: 429, description: expect.stringContaining('More than 1 requests a minute') },
    ]);
  });

  it('keeps a limited client limited while a flood of new addresses comes and goes', () => {
    // The old limiter wiped every counter once it held 50,000 keys.
    const limit = rateLimitPerIp(2, { now: () => 0 });
    call(limit, { ip: '198.51.100.7' });
    call(limit, { ip: '198.51.100.7' });
    expect(call(limit, { ip: '198.51.100.7' }).passed).toBe(false);
    for (let i = 0; i < 60_000; i++)
      call(limit, { ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });
    expect(call(limit, { ip: '198.51.100.7' }).passed).toBe(false);
  });

  it('holds at most maxKeys counters, dropping the least recently seen one at a time', () => {
    const limiter = new FixedWindowLimiter(1, 1000, () => 0);
    limiter.hit('busy');
    for (let i = 0; i < 5000; i++) {
      limiter.hit(`k${i}`);
      if (i % 100 === 0) limiter.hit('busy'); // an active client stays counted
    }
    expect(limiter.size).toBe(1000);
    expect(limiter.hit('busy').allowed).toBe(false);
    expect(limiter.hit('k4999').allowed).toBe(false); // recent ones are still counted
  });

  it('counts an IPv6 client per /64, so rotating addresses in its network does not help', () => {
    expect(clientAddressKey('2001:db8:1:2::1')).toBe(clientAddressKey('2001:db8:1:2:ffff::9'));
    expect(clientAddressKey('2001:db8:1:3::1')).not.toBe(clientAddressKey('2001:db8:1:2::1'));
    expect(clientAddressKey('::ffff:192.0.2.1')).toBe(clientAddressKey('192.0.2.1'));
  });
});

describe('rate limit per user (after the token is verified)', () => {
  it('counts a user’s requests whatever token they come with, and refuses past the limit', () => {
    const perUser = new SubjectRateLimit(2, { now: () => 0 });
    const headers: Record<string, string> = {};
    const res = { setHeader: (k: string, v: string) => (headers[k] = v) };
    perUser.check('zhang', res);
    perUser.check('zhang', res);
    let refusal: unknown;
    try {
      perUser.check('zhang', res);
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(HttpException);
    expect((refusal as HttpException).getStatus()).toBe(429);
    expect(headers['Retry-After']).toBe('60');
    expect(() => perUser.check('li', res)).not.toThrow();
  });
});
