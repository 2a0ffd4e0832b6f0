import { type Client, type WorkflowHandle } from '@temporalio/client';
import { type temporal } from '@temporalio/proto';

/**
 * An order opened and left open: started, dispatched, acknowledged (签收) by its lead unit, then
 * waiting on its deadline timer — what a city holds by the hundred thousand on a busy day. Used
 * by the open-orders system test and the benchmark (tools/bench/open-orders.ts).
 */
/**
 * The order's state. A query may time out on a busy server (a fresh worker rebuilding many orders
 * from their histories at once: DEADLINE_EXCEEDED): asked again, a few times.
 */
export async function askOrderState(
  handle: WorkflowHandle,
): Promise<{ status: string; leadUnitId?: string }> {
  for (let tries = 0; ; tries++) {
    try {
      return await handle.query<{ status: string; leadUnitId?: string }>('orderState');
    } catch (err) {
      if (tries >= 5) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

export async function openOrder(
  client: Client,
  o: { workflowId: string; taskQueue: string; args: unknown[] },
): Promise<WorkflowHandle> {
  const handle = await client.workflow.start('hotlineOrderWorkflow', {
    workflowId: o.workflowId,
    taskQueue: o.taskQueue,
    args: o.args,
  });
  const state = () => askOrderState(handle);
  let lead: string | undefined;
  for (let tries = 0, pause = 50; !lead; tries++, pause = Math.min(pause * 2, 1000)) {
    const s = await state();
    if (s.status === 'dispatched') lead = s.leadUnitId;
    else if (tries > 120) throw new Error(`${o.workflowId} not dispatched: ${s.status}`);
    else await new Promise((r) => setTimeout(r, pause));
  }
  // Under load an update call may pass its RPC deadline while the update still lands: ask again
  // until the order says it is acknowledged.
  for (let tries = 0; ; tries++) {
    try {
      await handle.executeUpdate('acknowledgeUpdate', {
        args: [{ actor: { kind: 'unit', unitId: lead } }],
      });
      return handle;
    } catch (err) {
      const s = await state();
      if (s.status !== 'dispatched') return handle;
      if (tries >= 5) throw err;
    }
  }
}

/** Opens `count` orders, `concurrency` at a time; `order(i)` names the i-th. */
export async function openOrders(
  client: Client,
  o: {
    count: number;
    concurrency: number;
    taskQueue: string;
    order: (i: number) => { workflowId: string; args: unknown[] };
    onOpened?: (opened: number) => void;
  },
): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < o.count; i = next++) {
      const { workflowId, args } = o.order(i);
      await openOrder(client, { workflowId, taskQueue: o.taskQueue, args });
      ids.push(workflowId);
      o.onOpened?.(ids.length);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, lane));
  return ids;
}

/** Timers started in a history and neither fired nor cancelled since: what the order waits on. */
export function pendingTimers(history: temporal.api.history.v1.IHistory): string[] {
  const open = new Set<string>();
  for (const e of history.events ?? []) {
    if (e.timerStartedEventAttributes?.timerId) open.add(e.timerStartedEventAttributes.timerId);
    if (e.timerFiredEventAttributes?.timerId) open.delete(e.timerFiredEventAttributes.timerId);
    if (e.timerCanceledEventAttributes?.timerId)
      open.delete(e.timerCanceledEventAttributes.timerId);
  }
  return [...open];
}
