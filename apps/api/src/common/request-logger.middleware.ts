import { Logger } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';

const logger = new Logger('http');

/** One line per request with its id, status and time — never bodies, tokens or personal data. */
export function requestLogger(
  req: Request & { id?: string },
  res: Response,
  next: NextFunction,
): void {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const line = `${req.method} ${req.path} ${res.statusCode} ${ms.toFixed(1)}ms request=${req.id ?? '-'}`;
    if (res.statusCode >= 500) logger.error(line);
    else if (res.statusCode >= 400) logger.warn(line);
    else logger.log(line);
  });
  next();
}
