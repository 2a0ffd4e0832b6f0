import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { containsNul, nulRefusal } from '../common/reject-nul.middleware';

/**
 * GeoReport v2 POSTs are form-encoded (`attribute[code]=…` included). The API parses only JSON,
 * so the Open311 routes read forms themselves: UTF-8, bounded, every key kept as sent (a key
 * sent twice becomes a list, which validation then refuses).
 */
export function formBody(limitBytes: number) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!req.is('application/x-www-form-urlencoded')) return next();
    const charset = /charset=([^;\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
    if (charset && !/^utf-?8$/i.test(charset.replace(/"/g, ''))) {
      return next(new UnsupportedMediaTypeException('Form bodies must be UTF-8'));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
    });
    req.once('error', next);
    req.once('end', () => {
      if (size > limitBytes)
        return next(new PayloadTooLargeException('The request body is too large'));
      // No prototype: a field named __proto__ is just a field.
      const fields = Object.create(null) as Record<string, string | string[]>;
      for (const [key, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
        const seen = fields[key];
        fields[key] =
          seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
      }
      if (containsNul(fields)) return next(nulRefusal());
      req.body = fields;
      next();
    });
  };
}
