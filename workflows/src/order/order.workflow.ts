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
  continueAsNew,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import {
  ALL_LOOP_FEATURES,
  CommandLoop,
  defineActions,
  inLane,
  LOCAL_LOOKUP_OPTIONS,
  LOCAL_PUBLISH_OPTIONS,
  LocalLane,
  LOOKUP_OPTIONS,
  type LoopCarry,
  publishInLane,
} from '../shared/command-loop';
import { deputyItemNotifier } from '../shared/deputy-link';
import { whistleConcludedSignal } from '../shared/whistle-link';
import type { whistleWorkflow } from '../whistle/whistle.workflow';

// The whistle scope check runs before an order is escalated to a whistle (吹哨), so a refusal is
// the street's answer at once rather than a refused whistle later.
type OrderLookups = OrderActivities & Pick<WhistleActivities, 'checkWhistleScope'>;
const activities = proxyActivities<OrderLookups>(LOOKUP_OPTIONS);
/** The same pure lookups of reference data as local activities: no round trip through the server. */
const localLookups = proxyLocalActivities<OrderLookups>(LOCAL_LOOKUP_OPTIONS);
/** Events published by a local activity: no activity task, and no workflow task after each. */
const localEvents =
  proxyLocalActivities<Pick<OrderLookups, 'publishEvents'>>(LOCAL_PUBLISH_OPTIONS);

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
export async function hotlineOrderWorkflow(
  received: OrderWorkflowInput,
  carried?: LoopCarry<OrderState>,
): Promise<OrderState> {
  // An order started since ORDER_CURRENT takes every change below at once, asking no other patch.
  const current = patched(ORDER_CURRENT);
  // Three-level dispatch (市级直派 / 区级) for orders whose intake says who took the call.
  const input = current ? received : cityDispatch(received);
  // Decided once, at the start, so recorded histories keep what they did (see the patch ids).
  const lookupsLocal = current || patched(LOOKUPS_LOCAL);
  const receivedAtOnce = current || patched(RECEIVED_AT_ONCE);
  // Lookups and publishes as local activities, one at a time through one lane (see LocalLane).
  const lane = current || (lookupsLocal && patched(PUBLISH_IN_LANE)) ? new LocalLane() : undefined;
  const lookups = lane ? inLane(lane, localLookups) : lookupsLocal ? localLookups : activities;
  const events = lane ? publishInLane(lane, localEvents) : activities;
  const loop = new CommandLoop(
    {
      aggregateType: 'order',
      aggregateId: input.orderId,
      events,
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
      nowAfterLookups: () => !current && !patched(NOW_AT_ARRIVAL),
    },
    order.initialState(input, {
      maxReturns: 0,
      maxExtensions: 0,
      maxReworkRounds: 0,
      maxCallbackAttempts: 0,
    }),
    carried,
    current ? ALL_LOOP_FEATURES : undefined,
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

  // An order a deputy brought (channel `deputy`) tells the deputy's item its answer.
  const deputyItem = deputyItemNotifier(
    input.deputyItemId,
    input.orderId,
    Number(carried?.extra?.deputyTold ?? 0),
  );
  const run = () =>
    loop.run({
      done: (state) => state.status === 'closed',
      afterPublish: deputyItem,
      continueAsNew: {
        afterEvents: loop.state.policy.historyEventsPerRun,
        continueWith: (carry) =>
          continueAsNew<typeof hotlineOrderWorkflow>(input, {
            ...carry,
            extra: { deputyTold: deputyItem.told() },
          }),
      },
    });
  // A continued run (continue-as-new) carries on where the last one stopped.
  if (carried) return run();

  // Intake (受理) and screening (过滤网), then dispatch (派单) by the rules.
  if (receivedAtOnce) {
    // OrderReceived goes to the stream at once; the policy is not needed to record it.
    upsertMemo({ summary: memoSummary(input) });
    loop.emit(order.decideIntake(input));
    loop.state = { ...loop.state, policy: await lookups.orderPolicy() };
  } else {
    loop.state = { ...loop.state, policy: await lookups.orderPolicy() };
    upsertMemo({ summary: memoSummary(input) });
    loop.emit(order.decideIntake(input));
  }
  if (loop.state.status !== 'closed') {
    const routing = await lookups.routeOrder({
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
  return run();

  async function lookUp(current: OrderState, needs: order.DecisionNeeds, now?: number) {
    const routing = needs.routing
      ? await lookups.routeOrder({
          ...routingBase(current),
          excludedUnitIds: [
            ...current.returnedByUnitIds,
            ...(current.leadUnitId ? [current.leadUnitId] : []),
          ],
          returnCount: current.returnedByUnitIds.length + 1,
          ...(needs.returnedBy ? { returnedBy: needs.returnedBy } : {}),
        })
      : undefined;
    const levels = needs.levels
      ? await lookups.dispatchLevels({
          ...needs.levels,
          ...(current.matterTypeCode ? { matterTypeCode: current.matterTypeCode } : {}),
          receivedAt: current.receivedAt,
        })
      : undefined;
    const deadlines = needs.deadlines
      ? await lookups.orderDeadlines({
          phase: needs.deadlines,
          urgency: current.urgency,
          ...(current.matterTypeCode ? { matterTypeCode: current.matterTypeCode } : {}),
          from: needs.deadlinesFrom ?? new Date(now ?? Date.now()).toISOString(),
        })
      : undefined;
    const whistleScope = needs.whistleScope
      ? await lookups.checkWhistleScope(needs.whistleScope)
      : undefined;
    return {
      ...(routing ? { routing } : {}),
      ...(levels ? { levels } : {}),
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
/** Policy, routing, deadlines and scope lookups as local activities (histories before: activities). */
const LOOKUPS_LOCAL = 'order-lookups-local';
/** OrderReceived recorded (and published) before the policy lookup, not behind it. */
const RECEIVED_AT_ONCE = 'order-received-at-once';
/**
 * Events published by a local activity, and every local activity (lookups and publishes) one at a
 * time through one lane (histories before: a publishEvents activity each time). Local activities
 * in flight together resolved in completion order on the first run and in marker order on replay:
 * a publish that failed while the dispatch lookups ran put its retry timer before an upsert on one
 * and after it on the other (a fresh worker could not replay such an order). Still at least once
 * and in order: the outbox publishes one batch after the other; the projector drops repeats.
 */
const PUBLISH_IN_LANE = 'order-publish-in-lane';
/**
 * Every change above and the loop's (LOOP_PATCHES) at once: an order started since asks this one
 * patch instead of eight (nine with `takenBy`). Each patch costs a marker and a search-attribute
 * upsert (TemporalChangeVersion) in every run's history — 16 of a lifecycle's 70 events, and
 * the upserts are visibility writes on the server. Orders started before ask each patch as they did. The
 * next change gets a patch of its own, asked after this one.
 */
const ORDER_CURRENT = 'order-current-2026-11';

/**
 * Three-level dispatch: who took the call (the city's 12345 centre or a district centre) travels
 * with the order and into every routing lookup. Behind a patch, so that an order started before
 * keeps the district's routing on replay; an order without `takenBy` routes as before.
 */
const CITY_DISPATCH = 'city-dispatch';

function cityDispatch(input: OrderWorkflowInput): OrderWorkflowInput {
  if (!input.takenBy) return input;
  if (patched(CITY_DISPATCH)) return input;
  const { takenBy: _ignored, ...before } = input;
  return before;
}

function routingBase(state: OrderState) {
  return {
    ...(state.matterTypeCode ? { matterTypeCode: state.matterTypeCode } : {}),
    location: state.location,
    ...(state.takenBy ? { takenBy: state.takenBy, receivedAt: state.receivedAt } : {}),
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
