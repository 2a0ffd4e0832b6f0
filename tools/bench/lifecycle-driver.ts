import { type Client } from '@temporalio/client';

/**
 * Drives orders through their whole lifecycle as the people around them would: the call starts
 * the workflow, the lead unit acknowledges, responds and resolves (签收, 响应, 办结), the centre
 * records a satisfied callback (回访). Works for the real and the bare workflow alike.
 */
export interface DriveOptions {
  client: Client;
  taskQueue: string;
  workflowType: string;
  /** Workflow id and start arguments of order i. */
  order: (i: number) => { workflowId: string; args: unknown[] };
  count: number;
  concurrency: number;
  onDone?: (done: number) => void;
}

export interface DriveResult {
  seconds: number;
  ordersPerSecond: number;
  /** Wall time of each order from start to closed, ms. */
  orderMillis: number[];
}

export async function driveLifecycles(o: DriveOptions): Promise<DriveResult> {
  let next = 0;
  let done = 0;
  const orderMillis: number[] = [];
  const started = Date.now();
  const lane = async () => {
    for (let i = next++; i < o.count; i = next++) {
      const t0 = Date.now();
      await lifecycle(o, i);
      orderMillis.push(Date.now() - t0);
      o.onDone?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, o.count) }, lane));
  const seconds = (Date.now() - started) / 1000;
  return { seconds, ordersPerSecond: o.count / seconds, orderMillis };
}

async function lifecycle(o: DriveOptions, i: number): Promise<void> {
  const { workflowId, args } = o.order(i);
  const handle = await o.client.workflow.start(o.workflowType, {
    workflowId,
    taskQueue: o.taskQueue,
    args,
  });
  // Wait for the dispatch, which names the lead unit that must act.
  let lead: string | undefined;
  for (let tries = 0; !lead; tries++) {
    const state = await handle.query<{ status: string; leadUnitId?: string }>('orderState');
    if (state.status === 'dispatched') lead = state.leadUnitId;
    else if (tries > 400) throw new Error(`${workflowId} was not dispatched: ${state.status}`);
    else await new Promise((r) => setTimeout(r, 25));
  }
  const unit = { kind: 'unit', unitId: lead };
  const after: Record<string, string> = {
    acknowledge: 'acknowledged',
    respond: 'responded',
    resolve: 'resolved',
    recordCallback: 'closed',
  };
  // Under load an update call may pass its RPC deadline while the update still lands, or be
  // refused while a timed-out workflow task waits for its next attempt (FAILED_PRECONDITION, the
  // API's 503): ask the order where it stands and try again, after a growing pause, only if it
  // did not move — as a unit's client would.
  const act = async (action: string, command: object): Promise<unknown> => {
    for (let tries = 0; ; tries++) {
      try {
        return await handle.executeUpdate(`${action}Update`, { args: [command] });
      } catch (err) {
        const s = await handle.query<{ status: string }>('orderState').catch(() => undefined);
        if (s?.status === after[action]) return s;
        if (tries >= 8) throw err;
        await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** tries, 10_000)));
      }
    }
  };
  await act('acknowledge', { actor: unit });
  await act('respond', { actor: unit, note: '已电话联系市民' });
  await act('resolve', { actor: unit, outcome: 'solved', summary: '已处理完毕' });
  const closed = (await act('recordCallback', {
    actor: { kind: 'operator', userId: 'bench' },
    reached: true,
    solved: true,
    satisfaction: 'satisfied',
  })) as { status: string };
  if (closed.status !== 'closed') throw new Error(`${workflowId} did not close: ${closed.status}`);
}

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
