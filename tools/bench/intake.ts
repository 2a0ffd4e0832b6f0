import { randomUUID } from 'node:crypto';
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

/**
 * POST /orders over HTTP, as the operators' desks would, at rising concurrency: each step runs
 * for a fixed time with `concurrency` callers in a loop, spread over `tokens` operator tokens
 * (each token has its own rate-limit window). Stops after the first step whose p99 passes 1 s.
 */
export async function driveIntake(o: {
  apiUrl: string;
  tokens: string[];
  steps: number[];
  seconds: number;
  runId: string;
  onStep?: (step: IntakeStep) => void;
}): Promise<IntakeStep[]> {
  const out: IntakeStep[] = [];
  let n = 0;
  for (const concurrency of o.steps) {
    const latencies: number[] = [];
    const refused: Record<string, number> = {};
    let accepted = 0;
    const started = Date.now();
    const until = started + o.seconds * 1000;
    const lane = async (lane: number) => {
      while (Date.now() < until) {
        const i = n++;
        const t0 = performance.now();
        const res = await fetch(`${o.apiUrl}/orders`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${o.tokens[(lane + i) % o.tokens.length]}`,
          },
          body: JSON.stringify(call(i, o.runId)),
        }).catch((err: unknown) => ({ status: `error ${String(err)}`, text: async () => '' }));
        await res.text();
        latencies.push(performance.now() - t0);
        if (res.status === 201) accepted += 1;
        else refused[String(res.status)] = (refused[String(res.status)] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, (_, l) => lane(l)));
    const seconds = (Date.now() - started) / 1000;
    const step: IntakeStep = {
      concurrency,
      seconds,
      accepted,
      refused,
      intakesPerSecond: accepted / seconds,
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
    };
    out.push(step);
    o.onStep?.(step);
    if ((step.p99Ms ?? 0) > 1000) break;
  }
  return out;
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
