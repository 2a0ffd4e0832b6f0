import { type NextFunction, type Response } from 'express';
import { rateLimit } from './rate-limit.middleware';

function call(limit: ReturnType<typeof rateLimit>, auth?: string) {
  const headers: Record<string, string> = {};
  let status = 200;
  const res = {
    setHeader: (k: string, v: string) => (headers[k] = v),
    status: (s: number) => ((status = s), res),
    json: () => res,
  } as unknown as Response;
  let passed = false;
  limit(
    { headers: auth ? { authorization: auth } : {}, ip: '127.0.0.1' } as Parameters<
      typeof limit
    >[0],
    res,
    (() => (passed = true)) as NextFunction,
  );
  return { passed, status, headers };
}

describe('rateLimit', () => {
  it('lets a client make its quota of requests a minute, then answers 429 with Retry-After', () => {
    let t = 1_000_000;
    const limit = rateLimit(3, () => t);
    expect([1, 2, 3].map(() => call(limit, 'Bearer a').passed)).toEqual([true, true, true]);
    const refused = call(limit, 'Bearer a');
    expect(refused).toMatchObject({ passed: false, status: 429 });
    expect(refused.headers['Retry-After']).toBe('60');
    expect(call(limit, 'Bearer b').passed).toBe(true); // another client is not affected
    t += 60_000;
    expect(call(limit, 'Bearer a').passed).toBe(true); // a new window
  });
});
