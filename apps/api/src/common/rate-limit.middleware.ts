import { createHash } from 'node:crypto';
import { type NextFunction, type Request, type Response } from 'express';
import { open311ErrorFor } from '../open311/open311-format';

/**
 * A fixed-window request limit per client (its bearer token, or its address when it has none),
 * so one misbehaving client cannot starve the hotline's operators. In memory: each API instance
 * limits on its own, which is enough to protect it; a shared limit would live in the gateway.
 */
export function rateLimit(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return (req: Request & { id?: string }, res: Response, next: NextFunction): void => {
    const t = now();
    const auth = req.headers.authorization;
    const key = auth ? createHash('sha256').update(auth).digest('base64url') : `ip:${req.ip}`;
    let w = windows.get(key);
    if (!w || t - w.start >= 60_000) {
      w = { start: t, count: 0 };
      windows.set(key, w);
      if (windows.size > 50_000) windows.clear(); // bounded memory under a flood of clients
    }
    w.count += 1;
    res.setHeader('RateLimit-Limit', String(perMinute));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, perMinute - w.count)));
    if (w.count > perMinute) {
      const retryAfter = Math.ceil((w.start + 60_000 - t) / 1000);
      res.setHeader('Retry-After', String(retryAfter));
      const message = `More than ${perMinute} requests a minute; retry in ${retryAfter} s`;
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
      return;
    }
    next();
  };
}
