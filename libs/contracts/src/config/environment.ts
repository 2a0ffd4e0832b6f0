import { type z } from 'zod';

export class ConfigurationError extends Error {}

/** Parses environment variables with a schema; a bad value gets one readable line per variable. */
export function parseEnvironment<T extends z.ZodType>(
  schema: T,
  env: NodeJS.ProcessEnv,
): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigurationError(`Invalid configuration:\n${lines.join('\n')}`);
}
