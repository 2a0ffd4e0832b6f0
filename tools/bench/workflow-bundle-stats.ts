// The workflow bundle's size and its biggest contributors, from webpack's module list, built with
// the worker's own bundler options (apps/worker/src/workflow-bundle.ts).
//   node -r @swc-node/register tools/bench/workflow-bundle-stats.ts [out.js]   (DETAIL=libs/ lists modules)
import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { workflowBundleOptions } from '../../apps/worker/src/workflow-bundle';

interface StatsModule {
  name: string;
  size: number;
}

/** npm:<package>, the first two path segments of our own code, and JSON apart. */
function groupOf(name: string): string {
  const npm = name.split('node_modules/').pop()!;
  const group = name.includes('node_modules/')
    ? 'npm:' +
      npm
        .split('/')
        .slice(0, npm.startsWith('@') ? 2 : 1)
        .join('/')
    : name
        .replace(/^\.\/(\.\.\/)*/, '')
        .split('/')
        .slice(0, 2)
        .join('/');
  return name.endsWith('.json') ? `${group} (json)` : group;
}

async function main() {
  let modules: StatsModule[] = [];
  const hook = workflowBundleOptions.bundlerOptions!.webpackConfigHook!;
  const { code } = await bundleWorkflowCode({
    workflowsPath: workflowBundleOptions.workflowsPath!,
    ...workflowBundleOptions.bundlerOptions,
    webpackConfigHook: (config) => {
      const hooked = hook(config);
      hooked.plugins = [
        ...(hooked.plugins ?? []),
        {
          apply: (compiler) =>
            compiler.hooks.done.tap('workflow-bundle-stats', (stats) => {
              modules = (stats.toJson({ modules: true, source: false }).modules ?? []).map((m) => ({
                name: m.name ?? '?',
                size: m.size ?? 0,
              }));
            }),
        },
      ];
      return hooked;
    },
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
  });
  if (process.argv[2]) writeFileSync(process.argv[2], code);
  const groups = new Map<string, { n: number; size: number }>();
  for (const m of modules) {
    if (process.env.DETAIL && m.name.includes(process.env.DETAIL))
      console.log('   ', m.size, m.name);
    const g = groups.get(groupOf(m.name)) ?? { n: 0, size: 0 };
    g.n++;
    g.size += m.size;
    groups.set(groupOf(m.name), g);
  }
  console.log(`bundle ${Buffer.byteLength(code)} bytes, ${modules.length} modules`);
  for (const [name, g] of [...groups].sort((a, b) => b[1].size - a[1].size).slice(0, 15))
    console.log(`${String(g.size).padStart(9)} B ${String(g.n).padStart(4)} modules  ${name}`);
}
main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
