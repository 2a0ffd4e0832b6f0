import { parseEnvironment } from '@hotline/contracts';
import { z } from 'zod';

const schema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('hotline'),
});

export interface TemporalConfig {
  address: string;
  namespace: string;
  /** One queue for order and whistle workflows and their activities. */
  taskQueue: string;
}

export function temporalConfigFromEnv(env: NodeJS.ProcessEnv = process.env): TemporalConfig {
  const c = parseEnvironment(schema, env);
  return {
    address: c.TEMPORAL_ADDRESS,
    namespace: c.TEMPORAL_NAMESPACE,
    taskQueue: c.TEMPORAL_TASK_QUEUE,
  };
}
