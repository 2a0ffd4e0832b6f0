import { type Client } from '@temporalio/client';
import { percentile } from './lifecycle-driver';

export interface OfferedLoadResult {
  offeredPerSecond: number;
  seconds: number;
  started: number;
  /** Orders whose workflow start was accepted, per second of the offering window. */
  startedPerSecond: number;
  startP50Ms: number | null;
  startP99Ms: number | null;
  /** How late the last start call was sent compared with its schedule (ms): > 0, the driver fell behind. */
  driverBehindMs: number;
}

/**
 * New orders at a fixed rate (open loop: the i-th starts at i/rate s whatever happened to the
 * earlier ones), for `seconds`: the intake side of a busy hour. Each order then runs by itself
 * to its dispatch; the caller measures how late their events reach the read model.
 */
export async function offerLoad(o: {
  client: Client;
  taskQueue: string;
  ratePerSecond: number;
  seconds: number;
  order: (i: number) => { workflowId: string; args: unknown[] };
}): Promise<OfferedLoadResult & { workflowIds: string[] }> {
  const total = Math.round(o.ratePerSecond * o.seconds);
  const latencies: number[] = [];
  const ids: string[] = [];
  const calls: Promise<void>[] = [];
  const t0 = Date.now();
  let behind = 0;
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / o.ratePerSecond;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else behind = Math.max(behind, -wait);
    const { workflowId, args } = o.order(i);
    ids.push(workflowId);
    const s = performance.now();
    calls.push(
      o.client.workflow
        .start('hotlineOrderWorkflow', { workflowId, taskQueue: o.taskQueue, args })
        .then(() => void latencies.push(performance.now() - s)),
    );
  }
  await Promise.all(calls);
  const seconds = (Date.now() - t0) / 1000;
  return {
    offeredPerSecond: o.ratePerSecond,
    seconds,
    started: total,
    startedPerSecond: total / seconds,
    startP50Ms: round(percentile(latencies, 50)),
    startP99Ms: round(percentile(latencies, 99)),
    driverBehindMs: Math.round(behind),
    workflowIds: ids,
  };
}

const round = (v: number | null) => (v === null ? null : Math.round(v));
