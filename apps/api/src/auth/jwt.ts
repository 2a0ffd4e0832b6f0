import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * HS256 JSON Web Tokens, signed with the API's configured key. Small on purpose: one algorithm,
 * checked explicitly (no "alg: none", no algorithm confusion), expiry required.
 */
export const ROLES = ['operator', 'unit', 'supervisor', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const tokenClaimsSchema = z
  .object({
    sub: z.string().min(1).max(100),
    role: z.enum(ROLES),
    /** The street, department or enterprise a `unit` user acts for. */
    unitId: z.string().min(1).max(64).optional(),
    name: z.string().max(100).optional(),
    iat: z.number().int(),
    exp: z.number().int(),
  })
  .refine((c) => c.role !== 'unit' || c.unitId, {
    message: 'a unit token must name its unit (unitId)',
  });
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const HEADER = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export function signToken(
  claims: Omit<TokenClaims, 'iat' | 'exp'>,
  secret: string,
  ttlSeconds: number,
  now = Date.now(),
): string {
  const iat = Math.floor(now / 1000);
  const payload = b64url(JSON.stringify({ ...claims, iat, exp: iat + ttlSeconds }));
  const signature = createHmac('sha256', secret).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${signature}`;
}

export class InvalidTokenError extends Error {}

export function verifyToken(token: string, secret: string, now = Date.now()): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidTokenError('malformed token');
  const [header, payload, signature] = parts as [string, string, string];
  let alg: unknown;
  try {
    alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg;
  } catch {
    throw new InvalidTokenError('malformed token header');
  }
  if (alg !== 'HS256') throw new InvalidTokenError('unsupported token algorithm');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new InvalidTokenError('bad signature');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidTokenError('malformed token payload');
  }
  const claims = tokenClaimsSchema.safeParse(json);
  if (!claims.success)
    throw new InvalidTokenError(
      `invalid claims: ${claims.error.issues.map((i) => i.message).join('; ')}`,
    );
  if (claims.data.exp * 1000 <= now) throw new InvalidTokenError('token expired');
  return claims.data;
}
