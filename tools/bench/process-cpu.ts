import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * CPU time (user + system, ms) used so far by the stack's servers — every process in the group
 * of the pid `docker/native/stack.mjs` recorded (started detached, so each server leads its own
 * group) or child of it — and by this process (driver, workers, projector). On a machine others share, a
 * section's CPU per lifecycle says more than its wall-clock rate: it is what the work costs,
 * whoever else runs.
 */
export interface CpuSnapshot {
  temporal: number;
  kafka: number;
  postgres: number;
  bench: number;
}

const SERVERS = ['temporal', 'kafka', 'postgres'] as const;

function groupOf(pidsDir: string, name: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(pidsDir, `${name}.pid`), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** utime + stime in ms of each process group asked for, with its leader's children (stat(5)). */
function cpuByGroup(groups: number[]): Map<number, number> {
  const out = new Map<number, number>(groups.map((g) => [g, 0]));
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Its group, or its parent's: PostgreSQL's backends each lead a session of their own.
    const group = out.has(Number(fields[2])) ? Number(fields[2]) : Number(fields[1]);
    if (!out.has(group)) continue;
    // utime, stime, cutime and cstime are fields 14–17 of stat(5), in clock ticks (100 a second
    // on Linux); the c- ones are its children's that ended (a PostgreSQL backend that closed).
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    out.set(group, out.get(group)! + ticks * 10);
  }
  return out;
}

export function cpuSnapshot(dataDir = path.resolve(process.env.HOTLINE_DATA_DIR ?? '.data')) {
  const pidsDir = path.join(dataDir, 'pids');
  const groups = Object.fromEntries(SERVERS.map((s) => [s, groupOf(pidsDir, s)]));
  const used = cpuByGroup(Object.values(groups).filter((g): g is number => g !== undefined));
  const self = process.cpuUsage();
  return {
    temporal: groups.temporal ? (used.get(groups.temporal) ?? 0) : 0,
    kafka: groups.kafka ? (used.get(groups.kafka) ?? 0) : 0,
    postgres: groups.postgres ? (used.get(groups.postgres) ?? 0) : 0,
    bench: (self.user + self.system) / 1000,
  } satisfies CpuSnapshot;
}

/** CPU ms per item between two snapshots, per part and in all. */
export function cpuPer(before: CpuSnapshot, after: CpuSnapshot, items: number) {
  const per = (k: keyof CpuSnapshot) => Math.round((after[k] - before[k]) / items);
  const parts = {
    temporal: per('temporal'),
    kafka: per('kafka'),
    postgres: per('postgres'),
    bench: per('bench'),
  };
  return { ...parts, total: parts.temporal + parts.kafka + parts.postgres + parts.bench };
}
