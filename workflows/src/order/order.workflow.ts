import { SEARCH_ATTRIBUTES } from '@hotline/temporal/search-attributes';
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  log,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { DecisionNeeds } from './order-decider';
import type { OrderActivities, RoutingResult, WhistleActivities } from '../activities';
import { EventOutbox } from '../shared/event-outbox';
import { whistleConcludedSignal } from '../shared/whistle-link';
import type { whistleWorkflow } from '../whistle/whistle.workflow';
import {
  decide,
  decideIntake,
  decideWhistleConclusion,
  dispatchFromRouting,
  evolve,
  fireTimer,
  initialState,
  needsFor,
  nextDeadline,
  pendingTimers,
  validate,
  whistleInputFor,
} from './order-decider';
import {
  ORDER_COMMAND_TYPES,
  OrderActionRefused,
  type OrderCommand,
  type OrderCommandType,
  type OrderState,
  type OrderWorkflowInput,
  type PendingEvent,
} from './order-model';

// The whistle scope check runs before an order is escalated to a whistle (吹哨), so a refusal is
// the street's answer at once rather than a refused whistle later.
const activities = proxyActivities<OrderActivities & Pick<WhistleActivities, 'checkWhistleScope'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export const orderStateQuery = defineQuery<OrderState>('orderState');

/** One signal and one update per action, named after it (e.g. `acknowledge`), so the UI reads well. */
export const orderSignals = Object.fromEntries(
  ORDER_COMMAND_TYPES.map((type) => [type, defineSignal<[OrderCommand]>(type)]),
) as Record<OrderCommandType, ReturnType<typeof defineSignal<[OrderCommand]>>>;
export const orderUpdates = Object.fromEntries(
  ORDER_COMMAND_TYPES.map((type) => [
    type,
    defineUpdate<OrderState, [OrderCommand]>(`${type}Update`),
  ]),
) as Record<OrderCommandType, ReturnType<typeof defineUpdate<OrderState, [OrderCommand]>>>;

/**
 * One 12345 work order (工单), from intake to closure (shared/domain.md, "The order's process").
 * Units and the centre act through signals or updates; every change becomes a domain event,
 * published in order through an activity; deadlines are durable timers.
 */
export async function hotlineOrderWorkflow(input: OrderWorkflowInput): Promise<OrderState> {
  const outbox = new EventOutbox('order', input.orderId, (events) =>
    activities.publishEvents(events),
  );
  // Handlers are registered before the first await, so a query or an early action always finds
  // them; actions wait until the policy has been looked up.
  let state = initialState(input, {
    maxReturns: 0,
    maxExtensions: 0,
    maxReworkRounds: 0,
    maxCallbackAttempts: 0,
  });
  let ready = false;
  let busy = false;
  const validateNow = (cmd: OrderCommand) => {
    if (!ready)
      throw new OrderActionRefused(
        'wrong_state',
        `Order ${state.orderId} is still being registered; try again in a moment`,
      );
    validate(state, cmd, Date.now());
  };

  const emit = (events: PendingEvent[]) => {
    for (const event of events) {
      state = evolve(state, event, Date.now());
      const envelope = outbox.record(
        event.type,
        event.payload as unknown as Record<string, unknown>,
      );
      state.timeline = [
        ...state.timeline,
        {
          sequence: envelope.sequence,
          type: event.type,
          at: envelope.occurredAt,
          detail: event.payload as unknown as Record<string, unknown>,
        },
      ];
    }
    publishSearchAttributes(state);
  };

  setHandler(orderStateQuery, () => state);

  /** Runs one action at a time: validate, look up what it needs, decide, apply. */
  const perform = async (cmd: OrderCommand): Promise<OrderState> => {
    await condition(() => !busy);
    busy = true;
    try {
      validateNow(cmd);
      const needs = needsFor(state, cmd);
      const looked = await lookUp(state, needs);
      validateNow(cmd); // the state may have moved while we looked things up
      const events = decide(state, cmd, { now: Date.now(), ...looked });
      await startWhistle(cmd, events);
      emit(events);
      // Answer once the action's events are on the stream: what the caller reads next includes them.
      await outbox.settled();
      return state;
    } finally {
      busy = false;
    }
  };

  for (const type of ORDER_COMMAND_TYPES) {
    setHandler(
      orderUpdates[type],
      async (cmd) => {
        try {
          return await perform({ ...cmd, type } as OrderCommand);
        } catch (err) {
          throw asFailure(err);
        }
      },
      {
        validator: (cmd) => {
          try {
            validateNow({ ...cmd, type } as OrderCommand);
          } catch (err) {
            throw asFailure(err); // keeps the refusal's code (forbidden, wrong_state…) for the API
          }
        },
      },
    );
    setHandler(orderSignals[type], async (cmd) => {
      try {
        await perform({ ...cmd, type } as OrderCommand);
      } catch (err) {
        if (!(err instanceof OrderActionRefused)) throw err;
        // A refused signal changes nothing but is kept on the timeline, with its reason.
        log.warn('order action refused', {
          orderId: state.orderId,
          action: type,
          reason: err.message,
        });
        state.timeline = [
          ...state.timeline,
          {
            sequence: 0,
            type: 'ActionRefused',
            at: new Date().toISOString(),
            detail: { action: type, code: err.code, reason: err.message },
          },
        ];
      }
    });
  }

  // The whistle this order waits for has ended: carry on with its outcome.
  setHandler(whistleConcludedSignal, async (conclusion) => {
    await condition(() => ready && !busy);
    busy = true;
    try {
      const events = decideWhistleConclusion(state, conclusion);
      if (events.length === 0)
        log.info('whistle outcome not awaited by this order', {
          orderId: state.orderId,
          whistleId: conclusion.whistleId,
        });
      emit(events);
    } finally {
      busy = false;
    }
  });

  // Intake (受理) and screening (过滤网).
  state = { ...state, policy: await activities.orderPolicy() };
  upsertMemo({ summary: memoSummary(input) });
  emit(decideIntake(input));
  if (state.status !== 'closed') {
    const routing = await activities.routeOrder({
      ...routingBase(state),
      excludedUnitIds: [],
      returnCount: 0,
    });
    const looked = await lookUp(state, {
      deadlines: routing.kind === 'dispatch' ? 'dispatch' : 'manual_dispatch',
    });
    emit(dispatchFromRouting(state, routing, { now: Date.now(), ...looked }, 1));
  }
  ready = true;

  // Publish, wait for the next action or deadline, fire what came due; until closed.
  for (;;) {
    await outbox.flush();
    if (state.status === 'closed') break;
    const next = pendingTimers(state)[0];
    const timeout = next ? Math.max(0, next.at - Date.now()) : undefined;
    const wake = () => outbox.hasPending || state.status === 'closed';
    // condition() without a timeout resolves to void: only the timed form can report a timeout.
    const woken =
      timeout === undefined ? (await condition(wake), true) : await condition(wake, timeout);
    if (woken) continue;
    // A deadline came due. Let an action that is half-way (waiting on a lookup) finish first.
    await condition(() => !busy);
    for (const timer of pendingTimers(state).filter((t) => t.at <= Date.now())) {
      state = { ...state, firedTimers: [...state.firedTimers, timer.key] };
      emit(fireTimer(state, timer));
    }
  }
  await condition(allHandlersFinished);
  await outbox.flush();
  return state;

  async function lookUp(current: OrderState, needs: DecisionNeeds) {
    const routing: RoutingResult | undefined = needs.routing
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
          from: new Date().toISOString(),
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
  async function startWhistle(cmd: OrderCommand, events: PendingEvent[]): Promise<void> {
    if (cmd.type !== 'escalateToWhistle') return;
    for (const event of events) {
      if (event.type !== 'OrderEscalatedToWhistle') continue;
      await startChild<typeof whistleWorkflow>('whistleWorkflow', {
        workflowId: event.payload.whistleId,
        args: [whistleInputFor(state, cmd, event.payload)],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    }
  }
}

function routingBase(state: OrderState) {
  return {
    ...(state.matterTypeCode ? { matterTypeCode: state.matterTypeCode } : {}),
    location: state.location,
  };
}

function publishSearchAttributes(state: OrderState): void {
  const deadline = nextDeadline(state);
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

function asFailure(err: unknown): unknown {
  if (err instanceof OrderActionRefused) {
    return ApplicationFailure.create({
      type: 'OrderActionRefused',
      message: err.message,
      details: [err.code],
      nonRetryable: true,
    });
  }
  return err;
}
