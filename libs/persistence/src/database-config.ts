import { parseEnvironment } from '@hotline/contracts';
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .default('postgres://hotline:hotline@127.0.0.1:55432/hotline'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

export interface DatabaseConfig {
  url: string;
  poolSize: number;
}

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const c = parseEnvironment(schema, env);
  return { url: c.DATABASE_URL, poolSize: c.DATABASE_POOL_SIZE };
}
