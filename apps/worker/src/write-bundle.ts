// npm run bundle: builds the workflow bundle ahead of time into .data/worker/workflow-bundle.js;
// start the worker with WORKFLOW_BUNDLE_PATH pointing at it to skip webpack at every start.
import { writeWorkflowBundle } from './workflow-bundle';

writeWorkflowBundle(process.argv[2]).then(
  ({ file, bytes }) => console.log(`workflow bundle: ${file} (${Math.round(bytes / 1024)} KiB)`),
  (err: unknown) => {
    console.error(`bundling failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
