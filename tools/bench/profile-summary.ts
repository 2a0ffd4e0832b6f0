// node -r @swc-node/register tools/bench/profile-summary.ts <file.cpuprofile | dir> [--top 25] [--skip-seconds 0]
//   [--from execute@submit-order] [--per-call <calls>]
//
// Where a V8 CPU profile (node --cpu-prof) spent its samples: self time by package (node_modules
// name, or the repository's app/lib), and the functions with the most self time. Idle excluded
// from the shares of busy time. `--from <text>`: samples before the first one whose stack has a
// frame from a file whose path contains <text> (`fn@text`: a call of function fn there) are left out (start-up: module loading,
// compiling), and so are those from the shutdown hooks on; `--per-call N`: busy time also in ms
// per call over N calls (the bench's accepted calls of the profiled process). Samples are taken
// on the wall clock: on a loaded machine a descheduled thread still counts as busy, so these ms
// exceed the process's CPU time (/proc); the shares are what to read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function packageOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const m = /\/(apps|libs|workflows|tools)\/([^/]+)\//.exec(url);
  return m ? `${m[1]}/${m[2]}` : url;
}

/** `skipSeconds`: samples of the first seconds left out (start-up: module loading, compiling). */
export function summarize(
  file: string,
  top = 25,
  skipSeconds = 0,
  o: { from?: string; perCall?: number } = {},
): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const stackHas = (id: number, test: (f: Node['callFrame']) => boolean) => {
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at))
      if (test(byId.get(at)!.callFrame)) return true;
    return false;
  };
  // `fn@file`: a call of function fn in a file whose path contains `file` (a request's handler,
  // not the loading of its module); plain `file`: any frame of that file.
  const [fromFn, fromFile] = o.from?.includes('@') ? o.from.split('@') : [undefined, o.from];
  const startsWindow = (f: Node['callFrame']) =>
    (fromFn === undefined || f.functionName === fromFn) && f.url.includes(fromFile ?? '');
  const self = new Map<number, number>();
  let at = 0;
  let window: 'before' | 'in' | 'after' = o.from ? 'before' : 'in';
  let windowUs = 0;
  p.samples.forEach((id, i) => {
    at += p.timeDeltas[i] ?? 0;
    if (at < skipSeconds * 1e6) return;
    if (window === 'before' && stackHas(id, startsWindow)) window = 'in';
    if (
      window === 'in' &&
      o.from &&
      stackHas(id, (f) => /ShutdownHook|callBeforeShutdownHook/.test(f.functionName))
    )
      window = 'after';
    if (window !== 'in') return;
    windowUs += p.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  let total = 0;
  let idle = 0;
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    total += us;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    const pkg = packageOf(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''} [${pkg}]`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const busy = total - idle;
  // Inclusive: a sample counts once for every package on its stack.
  const parent = parentOf;
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      if (f.functionName === '(root)') break;
      seen.add(packageOf(f.url, f.functionName));
    }
    for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + us);
  }
  const pct = (us: number) =>
    `${((100 * us) / busy).toFixed(1)} %` +
    (o.perCall ? ` ${(us / 1000 / o.perCall).toFixed(3).padStart(7)} ms/call` : '');
  /** The `top` largest, as lines: share, then name. */
  const ranked = (times: Map<string, number>) =>
    [...times]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `  ${pct(v).padStart(7)}  ${k}`);
  const lines = [
    `${file}: ${(total / 1e6).toFixed(1)} s sampled${o.from ? ` (window from the first ${o.from} frame to the shutdown hooks: ${(windowUs / 1e6).toFixed(1)} s)` : ''}, busy ${(busy / 1e6).toFixed(1)} s (${((100 * busy) / total).toFixed(0)} %)` +
      (o.perCall
        ? `; ${(busy / 1000 / o.perCall).toFixed(2)} ms busy per call over ${o.perCall} calls`
        : ''),
    '',
    'self time by package (share of busy time):',
    ...ranked(byPackage),
    '',
    'inclusive time by package (a sample counts for every package on its stack):',
    ...ranked(inclusive),
    '',
    'functions with the most self time:',
    ...ranked(byFunction),
  ];
  return lines.join('\n');
}

if (require.main === module) {
  const target = process.argv[2];
  if (!target) {
    process.stderr.write('usage: profile-summary.ts <file.cpuprofile | directory> [--top N]\n');
    process.exit(2);
  }
  const i = process.argv.indexOf('--top');
  const top = i >= 0 ? Number(process.argv[i + 1]) : 25;
  const k = process.argv.indexOf('--skip-seconds');
  const skip = k >= 0 ? Number(process.argv[k + 1]) : 0;
  const f = process.argv.indexOf('--from');
  const from = f >= 0 ? process.argv[f + 1] : undefined;
  const c = process.argv.indexOf('--per-call');
  const perCall = c >= 0 ? Number(process.argv[c + 1]) : undefined;
  const files = statSync(target).isDirectory()
    ? readdirSync(target)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(target, f))
    : [target];
  for (const file of files)
    process.stdout.write(
      `${summarize(file, top, skip, { ...(from ? { from } : {}), ...(perCall ? { perCall } : {}) })}\n\n`,
    );
}
