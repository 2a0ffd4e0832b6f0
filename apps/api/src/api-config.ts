import { type DatabaseConfig, databaseConfigFromEnv } from '@hotline/persistence';
import { type TemporalConfig, temporalConfigFromEnv } from '@hotline/temporal';
import { ConfigurationError, parseEnvironment } from '@hotline/contracts';
import { z } from 'zod';

/**
 * Development-only keys, public in this repository. They are used only where nobody else can
 * reach the API: NODE_ENV explicitly `development` or `test` and API_HOST a loopback address
 * (checked at start by `secretsPolicy`); anywhere else the API refuses to start with them.
 */
export const DEV_PERSONAL_DATA_KEY = Buffer.alloc(32, 'hotline-dev-key').toString('base64');
export const DEV_AUTH_SECRET = 'hotline-development-signing-key-not-for-production';
/** Open311 clients' keys outside production (README, "Open311"): `api_key=open311-dev-key`. */
export const DEV_OPEN311_API_KEYS = 'open311-dev-key:open311-dev-client';

const schema = z.object({
  /** Unset means "not explicitly development": the production rules apply. */
  NODE_ENV: z.enum(['development', 'test', 'production']).optional(),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  API_HOST: z.string().default('127.0.0.1'),
  API_BODY_LIMIT: z.string().default('100kb'),
  PERSONAL_DATA_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, {
      message: '32 random bytes, base64 (openssl rand -base64 32)',
    })
    .optional(),
  /** During a key rotation: older personal-data keys (base64, comma-separated) still read. */
  PERSONAL_DATA_PREVIOUS_KEYS: z
    .string()
    .refine((v) => v.split(',').every((k) => Buffer.from(k.trim(), 'base64').length === 32), {
      message: 'each key 32 bytes, base64',
    })
    .optional(),
  AUTH_JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** During a key rotation: the previous signing keys, comma-separated, still accepted. */
  AUTH_JWT_PREVIOUS_SECRETS: z
    .string()
    .refine((v) => v.split(',').every((s) => s.trim().length >= 32), {
      message: 'each key at least 32 characters',
    })
    .optional(),
  AUTH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(12 * 3600),
  /** Per authenticated user (token subject), after the token is verified. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /**
   * Per client address, before anything else (a junk token each time does not help): higher than
   * the per-user limit, since a call centre's operators may share one address.
   */
  API_RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
  API_CORS_ORIGINS: z.string().default('http://127.0.0.1:3000,http://localhost:3000'),
  /** "key1:client-name,key2:other": who may POST Open311 requests, by api_key. */
  OPEN311_API_KEYS: z
    .string()
    .refine((v) => open311Keys(v) !== null, {
      message: 'each entry must be key:client-name (a key of 8+ characters of [A-Za-z0-9._~-])',
    })
    .optional(),
  /** The public address of the Open311 endpoint, for the discovery document. */
  OPEN311_BASE_URL: z.url().optional(),
});

export interface Open311Config {
  /** api_key → the client's name (the name goes into logs and idempotency keys, never the key). */
  apiKeys: ReadonlyMap<string, string>;
  baseUrl: string;
  production: boolean;
}

export interface ApiConfig {
  port: number;
  host: string;
  bodyLimit: string;
  personalDataKey: Buffer;
  /** Older keys still read (rotation); new values are sealed with personalDataKey only. */
  personalDataPreviousKeys: Buffer[];
  authSecret: string;
  /** Older signing keys still accepted (rotation); tokens are signed with authSecret only. */
  authPreviousSecrets: string[];
  authTokenTtlSeconds: number;
  rateLimitPerMinute: number;
  rateLimitPerIpPerMinute: number;
  corsOrigins: string[];
  open311: Open311Config;
  database: DatabaseConfig;
  temporal: TemporalConfig;
}

/** Reads and validates the whole API configuration once, at start. */
export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const c = parseEnvironment(schema, env);
  const devKeysAllowed = developmentKeysAllowed(c.NODE_ENV, c.API_HOST);
  secretsPolicy(c, devKeysAllowed);
  const personalDataKey = Buffer.from(c.PERSONAL_DATA_KEY ?? DEV_PERSONAL_DATA_KEY, 'base64');
  return {
    port: c.API_PORT,
    host: c.API_HOST,
    bodyLimit: c.API_BODY_LIMIT,
    personalDataKey,
    personalDataPreviousKeys: (c.PERSONAL_DATA_PREVIOUS_KEYS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
      .map((k) => Buffer.from(k, 'base64')),
    authSecret: c.AUTH_JWT_SECRET ?? DEV_AUTH_SECRET,
    authPreviousSecrets: (c.AUTH_JWT_PREVIOUS_SECRETS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    authTokenTtlSeconds: c.AUTH_TOKEN_TTL_SECONDS,
    rateLimitPerMinute: c.API_RATE_LIMIT_PER_MINUTE,
    rateLimitPerIpPerMinute: c.API_RATE_LIMIT_PER_IP_PER_MINUTE,
    corsOrigins: c.API_CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    open311: {
      // Production has no default key: without OPEN311_API_KEYS nobody may POST.
      apiKeys:
        open311Keys(c.OPEN311_API_KEYS ?? (devKeysAllowed ? DEV_OPEN311_API_KEYS : '')) ??
        new Map<string, string>(),
      baseUrl: c.OPEN311_BASE_URL ?? `http://${c.API_HOST}:${c.API_PORT}/open311/v2`,
      production: !devKeysAllowed,
    },
    database: databaseConfigFromEnv(env),
    temporal: temporalConfigFromEnv(env),
  };
}

/** A, B and C. */
const listed = (names: string[]) =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];

/** Loopback only: 127.0.0.0/8, ::1, localhost — never 0.0.0.0 or a routable address. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(h) ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(h)
  );
}

/** The development keys may be used only when asked for explicitly and on loopback only. */
function developmentKeysAllowed(nodeEnv: string | undefined, host: string): boolean {
  return (nodeEnv === 'development' || nodeEnv === 'test') && isLoopbackHost(host);
}

/**
 * Refuses a configuration that would run with a key from this repository where anyone but the
 * developer could reach the API. One sentence, naming the variables to set; never the values.
 */
function secretsPolicy(
  c: Pick<
    z.infer<typeof schema>,
    | 'NODE_ENV'
    | 'API_HOST'
    | 'AUTH_JWT_SECRET'
    | 'AUTH_JWT_PREVIOUS_SECRETS'
    | 'PERSONAL_DATA_KEY'
    | 'OPEN311_API_KEYS'
  >,
  devKeysAllowed: boolean,
): void {
  if (devKeysAllowed) return;
  const devPersonalDataKey = Buffer.from(DEV_PERSONAL_DATA_KEY, 'base64');
  const devOpen311Keys = open311Keys(DEV_OPEN311_API_KEYS)!;
  const offending = [
    (c.AUTH_JWT_SECRET ?? DEV_AUTH_SECRET) === DEV_AUTH_SECRET && 'AUTH_JWT_SECRET',
    // An old key still accepted is a signing key too.
    (c.AUTH_JWT_PREVIOUS_SECRETS ?? '').split(',').some((k) => k.trim() === DEV_AUTH_SECRET) &&
      'AUTH_JWT_PREVIOUS_SECRETS',
    (c.PERSONAL_DATA_KEY === undefined ||
      Buffer.from(c.PERSONAL_DATA_KEY, 'base64').equals(devPersonalDataKey)) &&
      'PERSONAL_DATA_KEY',
    [...(open311Keys(c.OPEN311_API_KEYS ?? '')?.keys() ?? [])].some((k) => devOpen311Keys.has(k)) &&
      'OPEN311_API_KEYS',
  ].filter((v): v is string => typeof v === 'string');
  if (offending.length === 0) return;
  const where = `NODE_ENV=${c.NODE_ENV ?? '(unset)'}, API_HOST=${c.API_HOST}`;
  throw new ConfigurationError(
    `${listed(offending)} ${offending.length > 1 ? 'are' : 'is'} unset or a development key from the repository (${where}): set ${offending.length > 1 ? 'them' : 'it'} to a secret of your own, or run with NODE_ENV=development or test on a loopback API_HOST (127.0.0.1).`,
  );
}

const OPEN311_KEY_ENTRY = /^([A-Za-z0-9._~-]{8,200}):([\w.-]{1,64})$/;

/** "key1:client-name,key2:other" → Map(key → client name); null when an entry is malformed. */
function open311Keys(value: string): ReadonlyMap<string, string> | null {
  const keys = new Map<string, string>();
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = OPEN311_KEY_ENTRY.exec(entry);
    if (!match) return null;
    keys.set(match[1]!, match[2]!);
  }
  return keys;
}
