import { type NextFunction, type Request, type Response } from 'express';

/**
 * Security headers for a JSON API. The interactive docs (/docs) need their own scripts and
 * styles, so they get a looser content policy than the API's "nothing at all".
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  res.setHeader(
    'Content-Security-Policy',
    req.path.startsWith('/docs')
      ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"
      : "default-src 'none'; frame-ancestors 'none'",
  );
  next();
}
