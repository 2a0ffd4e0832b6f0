import { randomUUID } from 'node:crypto';
import { type NextFunction, type Request, type Response } from 'express';

/** Gives every request an id (or keeps the caller's X-Request-Id) for logs and error bodies. */
export function requestId(req: Request & { id?: string }, res: Response, next: NextFunction): void {
  const incoming = req.headers['x-request-id'];
  req.id =
    typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
}
