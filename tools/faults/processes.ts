import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it is true; throws with `what` (and the log's last lines) when time is up. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  logFile?: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(
        `${what} not ready within ${timeoutMs / 1000} s${logFile ? `; last lines of ${logFile}:\n${tail(logFile, 15)}` : ''}`,
      );
    await sleep(300);
  }
}

export function tail(file: string, n: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Every process below `pid` (children, grandchildren…), read from /proc. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      found.push(c);
      walk(c);
    }
  };
  walk(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logFile: string;
  /** True once the service answers (checked after each start). */
  ready: () => Promise<boolean>;
  readyTimeoutMs?: number;
}

/**
 * A server or app this suite started, as a child process: started, SIGKILLed with every process
 * below it at once (what a crash of its machine looks like) and started again with the same
 * command and data. Only ever signals the processes it started itself.
 */
export class ManagedProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;

  constructor(readonly spec: ServiceSpec) {}

  get pid(): number | undefined {
    return this.child?.exitCode === null ? this.child.pid : undefined;
  }

  async start(): Promise<void> {
    fs.mkdirSync(path.dirname(this.spec.logFile), { recursive: true });
    const out = fs.openSync(this.spec.logFile, 'a');
    fs.writeSync(out, `\n=== ${new Date().toISOString()} start ${this.spec.name}\n`);
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.cwd,
      env: this.spec.env ?? process.env,
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    let early: string | undefined;
    child.once('exit', (code, signal) => {
      early ??= `${this.spec.name} exited (${signal ?? code})`;
    });
    await waitUntil(
      this.spec.name,
      async () => {
        if (early && this.child === child) throw new Error(early);
        return this.spec.ready();
      },
      this.spec.readyTimeoutMs ?? 120_000,
      this.spec.logFile,
    ).catch((err: unknown) => {
      throw new Error(
        `${early ?? (err instanceof Error ? err.message : String(err))}\n${tail(this.spec.logFile, 15)}`,
      );
    });
  }

  /** SIGKILL to the process and everything below it, at once; resolves when they are gone. */
  async kill(): Promise<void> {
    const pid = this.pid;
    if (!pid) return;
    const all = [pid, ...descendants(pid)];
    for (const p of all) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await this.exited;
    const deadline = Date.now() + 15_000;
    while (all.some(alive) && Date.now() < deadline) await sleep(100);
  }

  /** A polite stop (SIGTERM, then SIGKILL after a grace period) for the end of a run. */
  async stop(graceMs = 10_000): Promise<void> {
    const pid = this.pid;
    if (!pid) return;
    this.child!.kill('SIGTERM');
    const stopped = await Promise.race([
      this.exited!.then(() => true),
      sleep(graceMs).then(() => false),
    ]);
    if (!stopped) await this.kill();
  }
}
