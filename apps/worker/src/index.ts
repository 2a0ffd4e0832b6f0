// The worker's public entry point, for tools that run a worker in-process (the benchmark):
// start and stop it, and bundle the workflows the same way.
export { startWorker, type RunningWorker, type WorkerConfig } from './bootstrap';
export { workflowBundleOptions } from './workflow-bundle';
export { workerTuning } from './worker-options';
