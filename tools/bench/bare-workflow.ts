// The benchmark's yardstick: a workflow of the same shape as the order workflow (the same
// activities in the same order, the same updates, a deadline timer while waiting, the same
// search attributes) whose activities do nothing. Bundled only by the benchmark's own worker.
import { SEARCH_ATTRIBUTES } from '@hotline/temporal/search-attributes';
import {
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';

export interface BareActivities {
  orderPolicy(): Promise<void>;
  routeOrder(): Promise<void>;
  orderDeadlines(): Promise<void>;
  publishEvents(count: number): Promise<void>;
}

const activities = proxyActivities<BareActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

interface BareState {
  status: string;
  leadUnitId: string;
}

export const bareStateQuery = defineQuery<BareState>('orderState');
const update = (name: string) => defineUpdate<BareState, [unknown]>(`${name}Update`);

/** Which lookup each action needs before its events, as in the order workflow's `needsFor`. */
const STEPS: [action: string, next: string, lookup: boolean, events: number][] = [
  ['acknowledge', 'acknowledged', true, 1],
  ['respond', 'responded', false, 1],
  ['resolve', 'resolved', true, 1],
  ['recordCallback', 'closed', false, 2],
];

export async function bareOrderWorkflow(): Promise<BareState> {
  const state: BareState = { status: 'received', leadUnitId: 'CGZF' };
  let pending = 0;
  let published = 0;
  let ready = false;
  setHandler(bareStateQuery, () => state);
  for (const [action, next, lookup, events] of STEPS) {
    setHandler(update(action), async () => {
      await condition(() => ready);
      if (lookup) await activities.orderDeadlines();
      state.status = next;
      attributes(state);
      const target = (pending += events);
      await condition(() => published >= target);
      return state;
    });
  }

  await activities.orderPolicy();
  attributes(state);
  await activities.routeOrder();
  await activities.orderDeadlines();
  state.status = 'dispatched';
  attributes(state);
  pending += 2;
  ready = true;
  for (;;) {
    if (pending > published) {
      await activities.publishEvents(pending - published);
      published = pending;
    }
    if (state.status === 'closed') break;
    // The order workflow always has a deadline ahead: wait with a timer, as it does.
    await condition(() => pending > published || state.status === 'closed', '1 hour');
  }
  return state;
}

function attributes(state: BareState): void {
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.OrderStatus, value: state.status },
    { key: SEARCH_ATTRIBUTES.Urgency, value: 'normal' },
    { key: SEARCH_ATTRIBUTES.Breached, value: false },
    { key: SEARCH_ATTRIBUTES.LeadUnit, value: state.leadUnitId },
    { key: SEARCH_ATTRIBUTES.Street, value: 'XHJD' },
    { key: SEARCH_ATTRIBUTES.MatterType, value: 'CG-003' },
  ]);
}

/**
 * Temporal's floor on this server: a workflow that takes the same four updates as an order
 * (签收, 响应, 办结, 回访) and completes, with no activity, no timer and no search attribute.
 * Dispatched from its first task, so the driver's wait for the dispatch costs one query.
 */
export async function minimalOrderWorkflow(): Promise<BareState> {
  const state: BareState = { status: 'dispatched', leadUnitId: 'CGZF' };
  setHandler(bareStateQuery, () => state);
  for (const [action, next] of STEPS) {
    setHandler(update(action), () => {
      state.status = next;
      return state;
    });
  }
  await condition(() => state.status === 'closed');
  return state;
}
