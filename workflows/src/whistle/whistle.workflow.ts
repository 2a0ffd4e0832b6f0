import { SEARCH_ATTRIBUTES } from '@hotline/temporal/search-attributes';
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { WhistleActivities } from '../activities';
import { EventOutbox } from '../shared/event-outbox';
import { whistleConcludedSignal } from '../shared/whistle-link';
import {
  conclusionOf,
  decide,
  decideBlow,
  districtWhistleInput,
  evolve,
  initialState,
  memoSummary,
  needsFor,
  scopeRequest,
  validate,
  type WhistleDecisionContext,
  type WhistleNeeds,
} from './whistle-decider';
import { decideEvaluation, evaluationDue, scoringRecords } from './whistle-evaluation';
import { departmentsPending, fireTimer, nextDeadline, pendingTimers } from './whistle-timers';
import {
  type PendingWhistleEvent,
  WHISTLE_COMMAND_TYPES,
  WhistleActionRefused,
  type WhistleCommand,
  type WhistleCommandType,
  type WhistleState,
  type WhistleWorkflowInput,
} from './whistle-model';

const activities = proxyActivities<WhistleActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export const whistleStateQuery = defineQuery<WhistleState>('whistleState');

/** One signal and one update (`<action>Update`) per action, as for orders. */
export const whistleSignals = Object.fromEntries(
  WHISTLE_COMMAND_TYPES.map((type) => [type, defineSignal<[WhistleCommand]>(type)]),
) as Record<WhistleCommandType, ReturnType<typeof defineSignal<[WhistleCommand]>>>;
export const whistleUpdates = Object.fromEntries(
  WHISTLE_COMMAND_TYPES.map((type) => [
    type,
    defineUpdate<WhistleState, [WhistleCommand]>(`${type}Update`),
  ]),
) as Record<WhistleCommandType, ReturnType<typeof defineUpdate<WhistleState, [WhistleCommand]>>>;

/**
 * One whistle (街乡吹哨、部门报到, shared/domain.md "Whistle dispatch"): the street blows it for one
 * problem, the summoned departments report (报到), commit (表态), act and report completion, the
 * street verifies each part (核查) and closes it, or escalates it (上报) to a district whistle that
 * this one starts. Deadlines are durable timers: a missed one is urged (催办), then escalated
 * (督办), and stays on the department's record. After the close both sides rate each other
 * (双向评价) until everyone has rated or the evaluation window ends; then the workflow completes.
 */
export async function whistleWorkflow(input: WhistleWorkflowInput): Promise<WhistleState> {
  const outbox = new EventOutbox('whistle', input.whistleId, (events) =>
    activities.publishEvents(events),
  );
  // Handlers are registered before the first await, so a query or an early action finds them;
  // actions wait until the whistle has been blown.
  let state = initialState(input, {
    districtUnitId: '',
    evaluationWindowHours: 0,
    rating: { min: 1, max: 5 },
  });
  let ready = false;
  let busy = false;
  let ordersTold = false;

  const validateNow = (cmd: WhistleCommand) => {
    if (!ready)
      throw new WhistleActionRefused(
        'wrong_state',
        `Whistle ${state.whistleId} is still being blown; try again in a moment`,
      );
    validate(state, cmd, Date.now());
  };

  const emit = (events: PendingWhistleEvent[]) => {
    for (const event of events) {
      state = evolve(state, event, Date.now());
      const payload = event.payload as unknown as Record<string, unknown>;
      const envelope = outbox.record(event.type, payload);
      state.timeline = [
        ...state.timeline,
        { sequence: envelope.sequence, type: event.type, at: envelope.occurredAt, detail: payload },
      ];
    }
    publishSearchAttributes(state);
  };

  setHandler(whistleStateQuery, () => state);

  /** Runs one action at a time: validate, look up what it needs, decide, apply. */
  const perform = async (cmd: WhistleCommand): Promise<WhistleState> => {
    await condition(() => !busy);
    busy = true;
    try {
      validateNow(cmd);
      // The action happens when it arrives: its deadlines count from then, not from the lookup.
      const now = Date.now();
      const looked = await lookUp(needsFor(state, cmd), now);
      validateNow(cmd); // the state may have moved while we looked things up
      const events = decide(state, cmd, { now, ...looked });
      await startDistrictWhistle(events);
      emit(events);
      // Answer once the action's events are on the stream: what the caller reads next includes them.
      await outbox.settled();
      return state;
    } finally {
      busy = false;
    }
  };

  for (const type of WHISTLE_COMMAND_TYPES) {
    setHandler(
      whistleUpdates[type],
      async (cmd) => {
        try {
          return await perform({ ...cmd, type } as WhistleCommand);
        } catch (err) {
          throw asFailure(err);
        }
      },
      {
        validator: (cmd) => {
          try {
            validateNow({ ...cmd, type } as WhistleCommand);
          } catch (err) {
            throw asFailure(err); // keeps the refusal's code for the API
          }
        },
      },
    );
    setHandler(whistleSignals[type], async (cmd) => {
      try {
        await perform({ ...cmd, type } as WhistleCommand);
      } catch (err) {
        if (!(err instanceof WhistleActionRefused)) throw err;
        // A refused signal changes nothing but is kept on the timeline, with its reason.
        log.warn('whistle action refused', {
          whistleId: state.whistleId,
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

  // The blow (吹哨): scope check, then the report deadline and its escalation.
  state = { ...initialState(input, await activities.whistlePolicy()), timeline: state.timeline };
  upsertMemo({ summary: memoSummary(state, input.summonedUnitIds.length) });
  const blownAt = new Date().toISOString();
  const scope = await activities.checkWhistleScope(scopeRequest(input));
  if (scope.ok) {
    const report = await activities.whistleDeadline({
      whistleType: input.whistleType,
      from: blownAt,
    });
    const escalation = await activities.whistleDeadline({
      whistleType: input.whistleType,
      from: report.deadline,
    });
    emit(
      decideBlow(input, state, {
        scope,
        blownAt,
        reportBy: report.deadline,
        reportEscalateAt: escalation.deadline,
        provisional: Boolean(report.provisional || escalation.provisional),
      }),
    );
  } else {
    emit(decideBlow(input, state, { scope, blownAt }));
  }
  ready = true;

  // Publish, tell the linked orders once it has ended, wait for the next action or deadline.
  for (;;) {
    await outbox.flush();
    if (!ordersTold && conclusionOf(state)) {
      ordersTold = true;
      await tellLinkedOrders(state);
    }
    if (state.status === 'refused' || state.status === 'evaluated') break;
    if (evaluationDue(state, Date.now())) {
      await completeEvaluation();
      continue;
    }
    const wakeAt =
      state.status === 'closed' ? Date.parse(state.evaluationBy!) : pendingTimers(state)[0]?.at;
    const wake = () => outbox.hasPending;
    // condition() without a timeout resolves to void: only the timed form can report a timeout.
    const woken =
      wakeAt === undefined
        ? (await condition(wake), true)
        : await condition(wake, Math.max(0, wakeAt - Date.now()));
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

  async function lookUp(
    needs: WhistleNeeds,
    now: number,
  ): Promise<Omit<WhistleDecisionContext, 'now'>> {
    const limit = async (from: string) =>
      (await activities.whistleDeadline({ whistleType: state.whistleType, from })).deadline;
    if (needs.limitFromNow) {
      const deadline = await limit(new Date(now).toISOString());
      return { deadline, escalateAt: await limit(deadline) };
    }
    if (needs.escalationAfter) return { escalateAt: await limit(needs.escalationAfter) };
    if (needs.scope) return { scope: await activities.checkWhistleScope(needs.scope) };
    return {};
  }

  /** 上报: the district whistle starts before the escalation is recorded, so it always exists. */
  async function startDistrictWhistle(events: PendingWhistleEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type !== 'WhistleEscalated') continue;
      await startChild(whistleWorkflow, {
        workflowId: event.payload.districtWhistleId,
        args: [districtWhistleInput(state, event.payload)],
        // The district whistle outlives this one, which ends after its own evaluation.
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    }
  }

  /** The two-way evaluation's closing record, scored by libs/domain. */
  async function completeEvaluation(): Promise<void> {
    await condition(() => !busy);
    busy = true;
    try {
      const scores = await activities.scoreWhistle({
        whistleId: state.whistleId,
        raterUnitId: state.ownerUnitId,
        participations: scoringRecords(state),
      });
      emit(decideEvaluation(state, scores));
    } finally {
      busy = false;
    }
  }
}

/** Signals each linked order; an order that has closed meanwhile is skipped. */
async function tellLinkedOrders(state: WhistleState): Promise<void> {
  const conclusion = conclusionOf(state)!;
  for (const orderId of state.linkedOrderIds) {
    try {
      await getExternalWorkflowHandle(orderId).signal(whistleConcludedSignal, conclusion);
    } catch (err) {
      log.warn('linked order not told of the whistle outcome', {
        whistleId: state.whistleId,
        orderId,
        reason: err instanceof Error ? err.message : String(err),
      });
    }
  }
}

function publishSearchAttributes(state: WhistleState): void {
  const deadline = nextDeadline(state);
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.WhistleType, value: state.whistleType },
    { key: SEARCH_ATTRIBUTES.Street, value: state.streetId },
    { key: SEARCH_ATTRIBUTES.MatterType, value: state.matterTypeCode },
    { key: SEARCH_ATTRIBUTES.DepartmentsPending, value: departmentsPending(state) },
    { key: SEARCH_ATTRIBUTES.NextDeadline, value: deadline ? new Date(deadline) : null },
  ]);
}

function asFailure(err: unknown): unknown {
  if (err instanceof WhistleActionRefused) {
    return ApplicationFailure.create({
      type: 'WhistleActionRefused',
      message: err.message,
      details: [err.code],
      nonRetryable: true,
    });
  }
  return err;
}
