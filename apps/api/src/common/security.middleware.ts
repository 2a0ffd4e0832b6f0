import { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';

const common = {
  frameguard: { action: 'deny' as const },
  referrerPolicy: { policy: 'no-referrer' as const },
  crossOriginResourcePolicy: { policy: 'same-origin' as const },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
};

/** The API answers JSON or XML only: its pages may load nothing and be framed by nobody. */
const api = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
});

/** The interactive docs (/docs, Swagger UI) need their own scripts, styles and images. */
const docs = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      frameAncestors: ["'none'"],
    },
  },
});

/** Security headers (helmet) for a JSON API, with a looser content policy for /docs. */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  (req.path.startsWith('/docs') ? docs : api)(req, res, next);
}
