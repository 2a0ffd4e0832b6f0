import {
  ORDER_COMMAND_TYPES,
  type OrderActivities,
  OrderActionRefused,
  type OrderCommand,
  type OrderState,
  type OrderWorkflowInput,
  type PendingEvent,
  type WhistleActivities,
  order,
} from '@hotline/process';
import { SEARCH_ATTRIBUTES } from '@hotline/temporal/search-attributes';
import {
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { CommandLoop, defineActions, LOOKUP_OPTIONS } from '../shared/command-loop';
import { deputyItemNotifier } from '../shared/deputy-link';
import { whistleConcludedSignal } from '../shared/whistle-link';
import type { whistleWorkflow } from '../whistle/whistle.workflow';

// The whistle scope check runs before an order is escalated to a whistle (吹哨), so a refusal is
// the street's answer at once rather than a refused whistle later.
const activities = proxyActivities<OrderActivities & Pick<WhistleActivities, 'checkWhistleScope'>>(
  LOOKUP_OPTIONS,
);

const actions = defineActions<OrderCommand, OrderState>('orderState', ORDER_COMMAND_TYPES);
export const orderStateQuery = actions.query;
/** One signal and one update (`<action>Update`) per action, named after it (e.g. `acknowledge`). */
export const orderSignals = actions.signals;
export const orderUpdates = actions.updates;

/**
 * One 12345 work order (工单), from intake to closure (docs/domain.md, "The order's process").
 * Units and the centre act through signals or updates; every change becomes a domain event,
 * published in order through an activity; deadlines are durable timers.
 */
export async function hotlineOrderWorkflow(input: OrderWorkflowInput): Promise<OrderState> {
  const loop = new CommandLoop(
    {
      aggregateType: 'order',
      aggregateId: input.orderId,
      events: activities,
      notReady: () =>
        new OrderActionRefused(
          'wrong_state',
          `Order ${input.orderId} is still being registered; try again in a moment`,
        ),
      ...order.decider,
      lookUp,
      startChildren: startWhistle,
      published: publishSearchAttributes,
      // Histories recorded before the one `now` took it after the lookups.
      nowAfterLookups: () => !patched(NOW_AT_ARRIVAL),
    },
    order.initialState(input, {
      maxReturns: 0,
      maxExtensions: 0,
      maxReworkRounds: 0,
      maxCallbackAttempts: 0,
    }),
  );
  loop.register(actions);

  // The whistle this order waits for has ended: carry on with its outcome.
  setHandler(whistleConcludedSignal, (conclusion) =>
    loop.exclusive(
      async () => {
        const events = order.decideWhistleConclusion(loop.state, conclusion);
        if (events.length === 0)
          log.info('whistle outcome not awaited by this order', {
            orderId: input.orderId,
            whistleId: conclusion.whistleId,
          });
        loop.emit(events);
      },
      { once: 'ready' },
    ),
  );

  // Intake (受理) and screening (过滤网), then dispatch (派单) by the rules.
  loop.state = { ...loop.state, policy: await activities.orderPolicy() };
  upsertMemo({ summary: memoSummary(input) });
  loop.emit(order.decideIntake(input));
  if (loop.state.status !== 'closed') {
    const routing = await activities.routeOrder({
      ...routingBase(loop.state),
      excludedUnitIds: [],
      returnCount: 0,
    });
    const looked = await lookUp(loop.state, {
      deadlines: routing.kind === 'dispatch' ? 'dispatch' : 'manual_dispatch',
    });
    loop.emit(order.dispatchFromRouting(loop.state, routing, { now: Date.now(), ...looked }, 1));
  }
  loop.start();

  // Acknowledge, respond, handle, resolve, callback…: until the order is closed.
  // An order a deputy brought (channel `deputy`) tells the deputy's item its answer.
  return loop.run({
    done: (state) => state.status === 'closed',
    afterPublish: deputyItemNotifier(input.deputyItemId, input.orderId),
  });

  async function lookUp(current: OrderState, needs: order.DecisionNeeds, now?: number) {
    const routing = needs.routing
      ? await activities.routeOrder({
          ...routingBase(current),
          excludedUnitIds: [
            ...current.returnedByUnitIds,
            ...(current.leadUnitId ? [current.leadUnitId] : []),
          ],
          returnCount: current.returnedByUnitIds.length + 1,
        })
      : undefined;
    const deadlines = needs.deadlines
      ? await activities.orderDeadlines({
          phase: needs.deadlines,
          urgency: current.urgency,
          ...(current.matterTypeCode ? { matterTypeCode: current.matterTypeCode } : {}),
          from: needs.deadlinesFrom ?? new Date(now ?? Date.now()).toISOString(),
        })
      : undefined;
    const whistleScope = needs.whistleScope
      ? await activities.checkWhistleScope(needs.whistleScope)
      : undefined;
    return {
      ...(routing ? { routing } : {}),
      ...(deadlines ? { deadlines } : {}),
      ...(whistleScope ? { whistleScope } : {}),
    };
  }

  /**
   * 吹哨: the whistle starts as a child workflow before the escalation is recorded, so it always
   * exists. A child rather than a signal-with-start through an activity: the start is part of
   * this order's history (replayable, shown as parent and child in the Temporal UI) and needs no
   * client inside the worker. ABANDON, because the whistle outlives the order's wait (its own
   * evaluation runs for days after it closes) and must never be cut short by the order closing.
   */
  async function startWhistle(
    state: OrderState,
    cmd: OrderCommand,
    events: PendingEvent[],
  ): Promise<void> {
    if (cmd.type !== 'escalateToWhistle') return;
    for (const event of events) {
      if (event.type !== 'OrderEscalatedToWhistle') continue;
      await startChild<typeof whistleWorkflow>('whistleWorkflow', {
        workflowId: event.payload.whistleId,
        args: [order.whistleInputFor(state, cmd, event.payload)],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    }
  }
}

/**
 * An action's deadlines and `decide` count from the instant it arrived (as the whistle's always
 * did), not from when its lookups answered. Histories recorded before took `now` after them.
 */
const NOW_AT_ARRIVAL = 'order-now-at-arrival';

function routingBase(state: OrderState) {
  return {
    ...(state.matterTypeCode ? { matterTypeCode: state.matterTypeCode } : {}),
    location: state.location,
  };
}

function publishSearchAttributes(state: OrderState): void {
  const deadline = order.nextDeadline(state);
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.OrderStatus, value: state.status },
    { key: SEARCH_ATTRIBUTES.Urgency, value: state.urgency },
    { key: SEARCH_ATTRIBUTES.Breached, value: state.breaches.length > 0 },
    { key: SEARCH_ATTRIBUTES.LeadUnit, value: state.leadUnitId ?? null },
    { key: SEARCH_ATTRIBUTES.Street, value: state.location.streetId ?? null },
    { key: SEARCH_ATTRIBUTES.MatterType, value: state.matterTypeCode ?? null },
    { key: SEARCH_ATTRIBUTES.NextDeadline, value: deadline ? new Date(deadline) : null },
  ]);
}

/** A readable line for the Temporal UI, without personal data (no caller, no free text). */
function memoSummary(input: OrderWorkflowInput): string {
  return [
    input.category,
    input.matterTypeCode ?? 'unclassified',
    input.urgency,
    input.location.streetId ?? 'street unknown',
    `via ${input.channel}`,
  ].join(' · ');
}
