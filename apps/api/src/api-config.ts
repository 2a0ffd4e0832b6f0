import { type DatabaseConfig, databaseConfigFromEnv } from '@hotline/persistence';
import { type TemporalConfig, temporalConfigFromEnv } from '@hotline/temporal';
import { parseEnvironment } from '@hotline/contracts';
import { z } from 'zod';

/** Development-only keys; production must set its own (checked at start). */
const DEV_PERSONAL_DATA_KEY = Buffer.alloc(32, 'hotline-dev-key').toString('base64');
export const DEV_AUTH_SECRET = 'hotline-development-signing-key-not-for-production';
/** Open311 clients' keys outside production (README, "Open311"): `api_key=open311-dev-key`. */
export const DEV_OPEN311_API_KEYS = 'open311-dev-key:open311-dev-client';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  API_HOST: z.string().default('127.0.0.1'),
  API_BODY_LIMIT: z.string().default('100kb'),
  PERSONAL_DATA_KEY: z.string().optional(),
  AUTH_JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  AUTH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(12 * 3600),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
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
  authSecret: string;
  authTokenTtlSeconds: number;
  rateLimitPerMinute: number;
  corsOrigins: string[];
  open311: Open311Config;
  database: DatabaseConfig;
  temporal: TemporalConfig;
}

/** Reads and validates the whole API configuration once, at start. */
export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const c = parseEnvironment(schema, env);
  if (c.NODE_ENV === 'production' && (!c.PERSONAL_DATA_KEY || !c.AUTH_JWT_SECRET)) {
    throw new Error(
      'PERSONAL_DATA_KEY (32 random bytes, base64) and AUTH_JWT_SECRET must be set in production',
    );
  }
  const personalDataKey = Buffer.from(c.PERSONAL_DATA_KEY ?? DEV_PERSONAL_DATA_KEY, 'base64');
  return {
    port: c.API_PORT,
    host: c.API_HOST,
    bodyLimit: c.API_BODY_LIMIT,
    personalDataKey,
    authSecret: c.AUTH_JWT_SECRET ?? DEV_AUTH_SECRET,
    authTokenTtlSeconds: c.AUTH_TOKEN_TTL_SECONDS,
    rateLimitPerMinute: c.API_RATE_LIMIT_PER_MINUTE,
    corsOrigins: c.API_CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    open311: {
      // Production has no default key: without OPEN311_API_KEYS nobody may POST.
      apiKeys:
        open311Keys(
          c.OPEN311_API_KEYS ?? (c.NODE_ENV === 'production' ? '' : DEV_OPEN311_API_KEYS),
        ) ?? new Map<string, string>(),
      baseUrl: c.OPEN311_BASE_URL ?? `http://${c.API_HOST}:${c.API_PORT}/open311/v2`,
      production: c.NODE_ENV === 'production',
    },
    database: databaseConfigFromEnv(env),
    temporal: temporalConfigFromEnv(env),
  };
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
