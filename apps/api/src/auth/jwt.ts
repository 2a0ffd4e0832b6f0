import { createHash, createHmac } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';

/**
 * HS256 JSON Web Tokens, signed with the API's configured key.
 *
 * Verification is `jose` (one algorithm allowed, so no "alg: none" and no algorithm confusion;
 * issuer, audience, expiry and not-before checked, with a small clock tolerance). Signing is a
 * single HMAC over the standard compact form, kept synchronous because the test harness and
 * `npm run token` mint tokens in place; `jose` verifies what it produces (unit-tested both ways).
 */
/** `deputy`: a people's congress deputy at a station (人大代表之家、联络站、联系点). */
export const ROLES = ['operator', 'unit', 'supervisor', 'auditor', 'deputy'] as const;
export type Role = (typeof ROLES)[number];
/** The roles as the people using the system call them (refusals are read by them). */
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  operator: '话务员',
  unit: '承办单位',
  supervisor: '指挥中心',
  auditor: '审计',
  deputy: '人大代表',
};
/** 市级 (the city's 12345 centre) or 区级 (a district centre). */
export const STAFF_LEVELS = ['city', 'district'] as const;
export type StaffLevel = (typeof STAFF_LEVELS)[number];

/** Who issues the tokens and for whom: a token for another service (or from one) is refused. */
export const TOKEN_ISSUER = 'hotline-12345';
export const TOKEN_AUDIENCE = 'hotline-api';
/** Clocks of the minting machine and the API may differ a little. */
const CLOCK_TOLERANCE_SECONDS = 30;

export const tokenClaimsSchema = z
  .object({
    sub: z.string().min(1).max(100),
    role: z.enum(ROLES),
    /** The street, department or enterprise a `unit` user acts for. */
    unitId: z.string().min(1).max(64).optional(),
    name: z.string().max(100).optional(),
    /**
     * 三级: the level the user works at. `city` (the 12345 centre: the whole city) or `district`
     * (a district centre: its district only, `districtId`). Absent: the whole deployment, as before.
     */
    level: z.enum(STAFF_LEVELS).optional(),
    districtId: z.string().min(1).max(64).optional(),
    /** The deputy a `deputy` token is for, and the station (家站点) they receive residents at. */
    deputyId: z.string().min(1).max(64).optional(),
    stationId: z.string().min(1).max(64).optional(),
    iss: z.literal(TOKEN_ISSUER),
    aud: z.union([z.literal(TOKEN_AUDIENCE), z.array(z.string()).min(1)]),
    iat: z.number().int(),
    nbf: z.number().int(),
    exp: z.number().int(),
  })
  .refine((c) => c.role !== 'unit' || c.unitId, {
    message: 'a unit token must name its unit (unitId)',
  })
  .refine((c) => c.level !== 'district' || c.districtId, {
    message: 'a district-level token must name its district (districtId)',
  })
  .refine((c) => c.role !== 'deputy' || (c.deputyId && c.stationId), {
    message: 'a deputy token must name the deputy and the station (deputyId, stationId)',
  });
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;

/** What a caller of signToken chooses; the registered claims are set here. */
export type TokenSubject = Omit<TokenClaims, 'iss' | 'aud' | 'iat' | 'nbf' | 'exp'>;

/**
 * The key id of a secret: a short hash of it (never the secret). Tokens name the key that signed
 * them, so a rotation can accept the previous key for a while and say which key a token used.
 */
export function keyIdOf(secret: string): string {
  return createHash('sha256').update(`hotline-jwt:${secret}`).digest('base64url').slice(0, 16);
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function signToken(
  claims: TokenSubject,
  secret: string,
  ttlSeconds: number,
  now = Date.now(),
): string {
  const iat = Math.floor(now / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: keyIdOf(secret) }));
  const payload = b64url(
    JSON.stringify({
      ...claims,
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      iat,
      nbf: iat,
      exp: iat + ttlSeconds,
    }),
  );
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

export class InvalidTokenError extends Error {}

interface SigningKey {
  kid: string;
  key: Uint8Array;
}

function signingKeys(secrets: string | readonly string[]): SigningKey[] {
  return (typeof secrets === 'string' ? [secrets] : secrets).map((s) => ({
    kid: keyIdOf(s),
    key: new TextEncoder().encode(s),
  }));
}

/**
 * Verifies a token against the current key (first) or an older one still accepted during a
 * rotation, chosen by the token's `kid`. Refusals are InvalidTokenError with a short reason.
 */
export async function verifyToken(
  token: string,
  secrets: string | readonly string[],
  now = Date.now(),
): Promise<TokenClaims> {
  return verifyWithKeys(token, signingKeys(secrets), now);
}

/**
 * verifyToken for one set of keys, remembering the tokens it verified: an operator's desk sends
 * the same token with every call, and its signature and claims do not change — only time
 * passes. A token seen before (the very same string, signature included) is accepted again
 * without the crypto while its own time window (nbf … exp, with the same clock tolerance) holds;
 * outside it, or never seen, it is verified in full (and refused with the reason). Bounded: the
 * least recently used tokens are forgotten first.
 */
export class TokenVerifier {
  private readonly keys: SigningKey[];
  private readonly verified: LRUCache<string, Readonly<TokenClaims>>;

  constructor(secrets: string | readonly string[], maxTokens = 10_000) {
    this.keys = signingKeys(secrets);
    this.verified = new LRUCache({ max: maxTokens });
  }

  async verify(token: string, now = Date.now()): Promise<Readonly<TokenClaims>> {
    const seen = this.verified.get(token);
    if (seen && withinTime(seen, now)) return seen;
    const claims = Object.freeze(await verifyWithKeys(token, this.keys, now));
    this.verified.set(token, claims);
    return claims;
  }

  /** Tokens remembered now (bounded by maxTokens). */
  get size(): number {
    return this.verified.size;
  }
}

/** The time checks jose makes (exp, nbf, with the clock tolerance), on claims verified before. */
function withinTime(c: TokenClaims, now: number): boolean {
  const t = Math.floor(now / 1000);
  return c.exp > t - CLOCK_TOLERANCE_SECONDS && c.nbf <= t + CLOCK_TOLERANCE_SECONDS;
}

async function verifyWithKeys(
  token: string,
  keys: readonly SigningKey[],
  now: number,
): Promise<TokenClaims> {
  // Cheap structural refusals before any crypto: tokens are small.
  if (token.length > 4096 || token.split('.').length !== 3)
    throw new InvalidTokenError('malformed token');
  let result;
  try {
    result = await jwtVerify(
      token,
      (header) => {
        const match = header.kid ? keys.find((k) => k.kid === header.kid) : undefined;
        if (!match) throw new InvalidTokenError('unknown signing key (kid)');
        return match.key;
      },
      {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'iat', 'nbf', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(now),
      },
    );
  } catch (err) {
    throw new InvalidTokenError(reasonOf(err));
  }
  const claims = tokenClaimsSchema.safeParse(result.payload);
  if (!claims.success)
    throw new InvalidTokenError(
      `invalid claims: ${claims.error.issues.map((i) => i.message).join('; ')}`,
    );
  return claims.data;
}

/** A short, non-revealing reason for the log and the 401 body. */
function reasonOf(err: unknown): string {
  if (err instanceof InvalidTokenError) return err.message;
  if (err instanceof errors.JWTExpired) return 'token expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return 'token not valid yet';
    if (err.claim === 'iss') return 'token from another issuer';
    if (err.claim === 'aud') return 'token for another audience';
    return `invalid claim ${err.claim}`;
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'unsupported token algorithm';
  if (err instanceof errors.JWTInvalid || err instanceof errors.JWSInvalid)
    return 'malformed token';
  return 'invalid token';
}
