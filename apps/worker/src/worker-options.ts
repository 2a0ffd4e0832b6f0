import { DefaultLogger, type RuntimeOptions, type WorkerOptions } from '@temporalio/worker';
import { z } from 'zod';

const schema = z.object({
  /**
   * Workflows kept in memory between tasks (sticky cache). Measured: about 2.4 MiB of worker RSS
   * per cached order workflow with today's 5.3 MB workflow bundle (400 open: 346 → 1,305 MiB), so
   * 500 bounds the cache near 1.2 GiB; orders waiting on timers are replayed when they wake.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(500),
  WORKER_MAX_WORKFLOW_TASKS: z.coerce.number().int().min(2).default(40),
  WORKER_MAX_ACTIVITIES: z.coerce.number().int().min(1).default(100),
  WORKER_MAX_LOCAL_ACTIVITIES: z.coerce.number().int().min(1).default(100),
  WORKER_MAX_POLLERS: z.coerce.number().int().min(2).default(10),
  /** Prometheus endpoint of the SDK's metrics (host:port or a port on 127.0.0.1); unset: none. */
  WORKER_METRICS_PORT: z.string().optional(),
});

export type WorkerTuning = Pick<
  WorkerOptions,
  | 'maxCachedWorkflows'
  | 'maxConcurrentWorkflowTaskExecutions'
  | 'maxConcurrentActivityTaskExecutions'
  | 'maxConcurrentLocalActivityExecutions'
  | 'workflowTaskPollerBehavior'
  | 'activityTaskPollerBehavior'
>;

/**
 * The worker's options for this workload, set explicitly rather than left to the SDK's
 * memory-based defaults. An order spends almost all its life waiting on a deadline timer
 * (hours to days), with no task and nothing in memory that the server cannot replay: the sticky
 * cache holds the orders being worked on now, not every open one — 100,000 open orders need no
 * 100,000-workflow cache (an evicted order is replayed from its short history when it next
 * wakes). Slots bound what runs at once on two cores; pollers scale between 2 and the maximum
 * with the backlog (poller autoscaling) instead of a fixed number polling an idle queue.
 */
export function workerTuning(env: NodeJS.ProcessEnv = process.env): WorkerTuning {
  const c = schema.parse(env);
  return {
    maxCachedWorkflows: c.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: c.WORKER_MAX_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: c.WORKER_MAX_ACTIVITIES,
    maxConcurrentLocalActivityExecutions: c.WORKER_MAX_LOCAL_ACTIVITIES,
    workflowTaskPollerBehavior: {
      type: 'autoscaling',
      minimum: 2,
      initial: 4,
      maximum: c.WORKER_MAX_POLLERS,
    },
    activityTaskPollerBehavior: {
      type: 'autoscaling',
      minimum: 1,
      initial: 4,
      maximum: c.WORKER_MAX_POLLERS,
    },
  };
}

/**
 * The process-wide Temporal runtime: warnings logged, and the SDK's metrics (task latencies,
 * slots, sticky cache, polls) served for Prometheus at WORKER_METRICS_PORT when set.
 */
export function runtimeOptions(env: NodeJS.ProcessEnv = process.env): RuntimeOptions {
  const c = schema.parse(env);
  const port = c.WORKER_METRICS_PORT;
  const bindAddress = port && port !== '0' ? (port.includes(':') ? port : `127.0.0.1:${port}`) : '';
  return {
    logger: new DefaultLogger('WARN'),
    ...(bindAddress
      ? {
          telemetryOptions: {
            metrics: {
              prometheus: { bindAddress, countersTotalSuffix: true, useSecondsForDurations: true },
              metricPrefix: 'temporal_',
            },
          },
        }
      : {}),
  };
}
