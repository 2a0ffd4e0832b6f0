import { runtimeOptions, workerTuning } from './worker-options';

describe('worker options for the workload', () => {
  it('sets cache, slots and autoscaling pollers explicitly, overridable by environment', () => {
    expect(workerTuning({})).toEqual({
      maxCachedWorkflows: 500,
      maxConcurrentWorkflowTaskExecutions: 40,
      maxConcurrentActivityTaskExecutions: 100,
      maxConcurrentLocalActivityExecutions: 100,
      workflowTaskPollerBehavior: { type: 'autoscaling', minimum: 2, initial: 4, maximum: 10 },
      activityTaskPollerBehavior: { type: 'autoscaling', minimum: 1, initial: 4, maximum: 10 },
    });
    const tuned = workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '200', WORKER_MAX_POLLERS: '4' });
    expect(tuned.maxCachedWorkflows).toBe(200);
    expect(tuned.workflowTaskPollerBehavior).toMatchObject({ maximum: 4 });
  });

  it('refuses a nonsense value by name', () => {
    expect(() => workerTuning({ WORKER_MAX_WORKFLOW_TASKS: '1' })).toThrow(
      /WORKER_MAX_WORKFLOW_TASKS/,
    );
  });

  it('serves the SDK metrics for Prometheus only when a port is given, on loopback', () => {
    expect(runtimeOptions({}).telemetryOptions).toBeUndefined();
    expect(runtimeOptions({ WORKER_METRICS_PORT: '0' }).telemetryOptions).toBeUndefined();
    expect(runtimeOptions({ WORKER_METRICS_PORT: '9464' }).telemetryOptions?.metrics).toMatchObject(
      { prometheus: { bindAddress: '127.0.0.1:9464' } },
    );
  });
});
