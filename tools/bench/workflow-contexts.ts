// How long the worker takes to create workflow contexts for a given workflow bundle: replays the
// recorded histories (workflows/test/histories) N times, each in a fresh workflow (a new context
// that loads every module of the bundle again), with no server. Replay work is the same for any
// bundle of the same workflow code, so two bundles compared this way differ by their load cost.
//   [FIRST_TASK=1] node -r @swc-node/register tools/bench/workflow-contexts.ts <bundle.js> [N=400]
// FIRST_TASK=1 cuts each history after its first workflow task: context creation and first activation.
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const HISTORIES = path.resolve(__dirname, '../../workflows/test/histories');

/** The history up to its first workflow task: creating the workflow and its first activation only. */
function firstTask(history: temporal.api.history.v1.History): temporal.api.history.v1.History {
  const started = history.events.findIndex((e) => e.workflowTaskStartedEventAttributes);
  return temporal.api.history.v1.History.create({ events: history.events.slice(0, started + 1) });
}

async function main() {
  const [file, n = '400'] = process.argv.slice(2);
  if (!file) throw new Error('usage: workflow-contexts.ts <bundle.js> [N]');
  const code = readFileSync(file, 'utf8');
  const recorded = readdirSync(HISTORIES)
    .filter((f) => f.endsWith('.history.pb'))
    .map((f) => temporal.api.history.v1.History.decode(readFileSync(path.join(HISTORIES, f))))
    .map((history) => (process.env.FIRST_TASK ? firstTask(history) : history));
  const total = Number(n);
  // One warm-up pass so the bundle's compile and the worker's start are not counted; it also
  // keeps only the histories this bundle replays (an older bundle cannot replay newer histories).
  const histories: typeof recorded = [];
  for await (const r of Worker.runReplayHistories(
    { workflowBundle: { code } },
    recorded.map((history, i) => ({ workflowId: `warm-${i}`, history })),
  ))
    if (!r.error) histories.push(recorded[Number(r.workflowId.slice('warm-'.length))]!);
  async function* replays() {
    for (let i = 0; i < total; i++)
      yield { workflowId: `ctx-${i}`, history: histories[i % histories.length]! };
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let failed = 0;
  for await (const r of Worker.runReplayHistories({ workflowBundle: { code } }, replays()))
    if (r.error) failed++;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    JSON.stringify({
      bundle: file,
      bytes: Buffer.byteLength(code),
      histories: histories.length,
      workflows: total,
      failed,
      wallMs: Math.round(ms),
      perWorkflowMs: +(ms / total).toFixed(2),
      cpuMsPerWorkflow: +((cpu.user + cpu.system) / 1000 / total).toFixed(2),
    }),
  );
}
main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
