import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { type Response } from 'express';
import { rateLimitPerIp } from '../../apps/api/src/common/rate-limit.middleware';
import { percentile } from './lifecycle-driver';

export interface IntakeStep {
  concurrency: number;
  seconds: number;
  accepted: number;
  /** Answers other than 201, by status. */
  refused: Record<string, number>;
  intakesPerSecond: number;
  p50Ms: number | null;
  p99Ms: number | null;
  /** CPU ms the API process used per accepted call during the step (when it runs apart). */
  apiCpuMsPerCall?: number;
  /** CPU ms the bench process (driver, worker, projector) used per accepted call. */
  benchCpuMsPerCall?: number;
  /** The machine's 1-minute load average at the step's last answer (2 cores, shared). */
  load1: number;
  /** Accepted → workflow running (the API's starter), for this step's orders. */
  workflowStart?: {
    p50Ms: number | null;
    p99Ms: number | null;
    maxMs: number | null;
    /** Orders still waiting for their start when the step's last answer came. */
    backlogAtEnd: number;
    /** From the step's end until every one of its workflows ran. */
    drainMs: number;
  };
}

/**
 * What the benchmark reads of the API's intake starter (apps/api/src/orders/order-starter.ts),
 * for the orders whose idempotency key starts with `keyPrefix`: how many wait for their start,
 * and accepted → started in ms for those started.
 */
export interface StarterProbe {
  backlog(keyPrefix: string): Promise<number>;
  delays(keyPrefix: string): Promise<number[]>;
}

/** One citizen call as an operator records it: a new caller each time (no merge). */
function call(i: number, runId: string) {
  const communities = ['XHJD-01', 'XHJD-02', 'XHJD-03'];
  return {
    idempotencyKey: `bench-${runId}-${i}-${randomUUID().slice(0, 8)}`,
    channel: 'phone',
    category: 'complaint',
    content: '小区旁工地夜间22点后仍在施工，噪音很大',
    address: '星湖街道星湖东里3号楼旁工地',
    streetId: 'XHJD',
    communityId: communities[i % communities.length],
    caller: {
      name: '王先生',
      phone: `139${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}`,
    },
  };
}

export interface IntakeTarget {
  apiUrl: string;
  tokens: string[];
  seconds: number;
  /** Numbers this API's calls (idempotency keys, callers) apart from the other APIs'. */
  runId: string;
  starter?: StarterProbe;
  /** CPU ms used so far by the API's process. */
  apiCpuMs?: () => number;
}

/** Calls numbered across one target's warm-up and steps: a new caller each time. */
const counters = new WeakMap<IntakeTarget, { n: number }>();
const next = (t: IntakeTarget) => {
  const c = counters.get(t) ?? { n: 0 };
  counters.set(t, c);
  return c.n++;
};

async function post(t: IntakeTarget, lane: number, runId: string) {
  const i = next(t);
  return fetch(`${t.apiUrl}/orders`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${t.tokens[(lane + i) % t.tokens.length]}`,
    },
    body: JSON.stringify(call(i, runId)),
  });
}

async function untilStarted(t: IntakeTarget, keyPrefix: string): Promise<void> {
  const t0 = Date.now();
  while (t.starter && (await t.starter.backlog(keyPrefix)) > 0 && Date.now() - t0 < 300_000)
    await new Promise((r) => setTimeout(r, 50));
}

/**
 * Calls for `seconds` at `concurrency`, not reported (the API's code compiled by the JIT, its
 * connections opened); returns once their workflows are started.
 */
export async function warmUp(t: IntakeTarget, concurrency: number, seconds: number) {
  const until = Date.now() + seconds * 1000;
  const runId = `${t.runId}warm`;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      while (Date.now() < until) {
        const res = await post(t, lane, runId).catch(() => null);
        await res?.text();
      }
    }),
  );
  await untilStarted(t, `bench-${runId}-`);
}

/**
 * One step: POST /orders over HTTP, as the operators' desks would, `concurrency` callers in a
 * loop for `t.seconds`, spread over the target's operator tokens (each token has its own
 * rate-limit window); then waits until the step's workflows are started.
 */
export async function intakeStep(t: IntakeTarget, concurrency: number): Promise<IntakeStep> {
  const latencies: number[] = [];
  const refused: Record<string, number> = {};
  let accepted = 0;
  const stepRun = `${t.runId}c${concurrency}`;
  const keyPrefix = `bench-${stepRun}-`;
  const apiCpu0 = t.apiCpuMs?.();
  const benchCpu0 = process.cpuUsage();
  const started = Date.now();
  const until = started + t.seconds * 1000;
  const lane = async (lane: number) => {
    while (Date.now() < until) {
      const t0 = performance.now();
      const res = await post(t, lane, stepRun).catch((err: unknown) => ({
        status: `error ${String(err)}`,
        text: async () => '',
      }));
      await res.text();
      latencies.push(performance.now() - t0);
      if (res.status === 201) accepted += 1;
      else refused[String(res.status)] = (refused[String(res.status)] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, l) => lane(l)));
  const seconds = (Date.now() - started) / 1000;
  const apiCpu = apiCpu0 === undefined ? undefined : t.apiCpuMs!() - apiCpu0;
  const benchCpu = process.cpuUsage(benchCpu0);
  const load1 = Number(os.loadavg()[0]!.toFixed(2));
  let workflowStart: IntakeStep['workflowStart'];
  if (t.starter) {
    const backlogAtEnd = await t.starter.backlog(keyPrefix);
    const t0 = Date.now();
    await untilStarted(t, keyPrefix);
    const delays = await t.starter.delays(keyPrefix);
    workflowStart = {
      p50Ms: round(percentile(delays, 50)),
      p99Ms: round(percentile(delays, 99)),
      maxMs: delays.length ? Math.round(Math.max(...delays)) : null,
      backlogAtEnd,
      drainMs: Date.now() - t0,
    };
  }
  return {
    concurrency,
    seconds,
    accepted,
    refused,
    intakesPerSecond: accepted / seconds,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    ...(apiCpu !== undefined && accepted > 0
      ? { apiCpuMsPerCall: Number((apiCpu / accepted).toFixed(2)) }
      : {}),
    ...(accepted > 0
      ? {
          benchCpuMsPerCall: Number(
            ((benchCpu.user + benchCpu.system) / 1000 / accepted).toFixed(2),
          ),
        }
      : {}),
    load1,
    ...(workflowStart ? { workflowStart } : {}),
  };
}

const round = (v: number | null) => (v === null ? null : Math.round(v));

/**
 * What the API's per-address rate limit costs per request, measured on the middleware itself
 * (the client address as key, one LRU lookup): microseconds per request, over many distinct clients.
 */
export function rateLimitCost(requests = 200_000): { microsPerRequest: number } {
  const limit = rateLimitPerIp(1_000_000);
  const headers = Array.from({ length: 1000 }, (_, i) => ({
    authorization: `Bearer token-${i}-${'x'.repeat(180)}`,
  }));
  const addresses = Array.from({ length: 1000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
  const res = { setHeader: () => res, status: () => res, json: () => res, send: () => res };
  const t0 = performance.now();
  for (let i = 0; i < requests; i++) {
    limit(
      {
        headers: headers[i % headers.length],
        ip: addresses[i % addresses.length],
        path: '/orders',
      } as unknown as Parameters<typeof limit>[0],
      res as unknown as Response,
      () => undefined,
    );
  }
  return { microsPerRequest: ((performance.now() - t0) * 1000) / requests };
}
