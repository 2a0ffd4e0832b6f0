import { BadRequestException } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';

const NUL_MESSAGE = 'The request contains a NUL character (U+0000), which no field accepts';

/**
 * PostgreSQL text cannot hold NUL (U+0000), and no field of ours needs one: a request carrying it
 * in its address or its JSON body is refused with a 400 here, before it reaches a query or a
 * workflow (where it would fail as a 500, or later in the projector).
 */
export function rejectNul(req: Request, _res: Response, next: NextFunction): void {
  if (/%00/.test(req.originalUrl) || containsNul(req.body)) {
    next(new BadRequestException(NUL_MESSAGE));
    return;
  }
  next();
}

export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\0');
  // Deeper than any body we accept: validation refuses such a shape anyway.
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => k.includes('\0') || containsNul(v, depth + 1));
}

export function nulRefusal(): BadRequestException {
  return new BadRequestException(NUL_MESSAGE);
}
