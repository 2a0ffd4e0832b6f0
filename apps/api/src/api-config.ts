import { type DatabaseConfig, databaseConfigFromEnv } from '@hotline/persistence';
import { type TemporalConfig, temporalConfigFromEnv } from '@hotline/temporal';
import { parseEnvironment } from '@hotline/contracts';
import { z } from 'zod';

/** Development-only keys; production must set its own (checked at start). */
const DEV_PERSONAL_DATA_KEY = Buffer.alloc(32, 'hotline-dev-key').toString('base64');
export const DEV_AUTH_SECRET = 'hotline-development-signing-key-not-for-production';

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
});

export interface ApiConfig {
  port: number;
  host: string;
  bodyLimit: string;
  personalDataKey: Buffer;
  authSecret: string;
  authTokenTtlSeconds: number;
  rateLimitPerMinute: number;
  corsOrigins: string[];
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
    database: databaseConfigFromEnv(env),
    temporal: temporalConfigFromEnv(env),
  };
}
