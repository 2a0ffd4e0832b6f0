import { type DatabaseConfig, databaseConfigFromEnv } from '@hotline/persistence';
import { type TemporalConfig, temporalConfigFromEnv } from '@hotline/temporal';
import { parseEnvironment } from '@hotline/contracts';
import { z } from 'zod';

/** Development-only key; production must set PERSONAL_DATA_KEY (checked at start). */
const DEV_PERSONAL_DATA_KEY = Buffer.alloc(32, 'hotline-dev-key').toString('base64');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  API_HOST: z.string().default('127.0.0.1'),
  API_BODY_LIMIT: z.string().default('100kb'),
  PERSONAL_DATA_KEY: z.string().optional(),
});

export interface ApiConfig {
  port: number;
  host: string;
  bodyLimit: string;
  personalDataKey: Buffer;
  database: DatabaseConfig;
  temporal: TemporalConfig;
}

/** Reads and validates the whole API configuration once, at start. */
export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const c = parseEnvironment(schema, env);
  if (!c.PERSONAL_DATA_KEY && c.NODE_ENV === 'production') {
    throw new Error('PERSONAL_DATA_KEY (32 random bytes, base64) must be set in production');
  }
  const personalDataKey = Buffer.from(c.PERSONAL_DATA_KEY ?? DEV_PERSONAL_DATA_KEY, 'base64');
  return {
    port: c.API_PORT,
    host: c.API_HOST,
    bodyLimit: c.API_BODY_LIMIT,
    personalDataKey,
    database: databaseConfigFromEnv(env),
    temporal: temporalConfigFromEnv(env),
  };
}
