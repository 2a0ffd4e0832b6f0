import {
  type PendingWhistleEvent,
  WHISTLE_COMMAND_TYPES,
  WhistleActionRefused,
  type WhistleActivities,
  type WhistleCommand,
  type WhistleState,
  type WhistleWorkflowInput,
  whistle,
} from '@hotline/process';
import { SEARCH_ATTRIBUTES } from '@hotline/temporal/search-attributes';
import {
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  startChild,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import {
  CommandLoop,
  defineActions,
  LOCAL_LOOKUP_OPTIONS,
  LOOKUP_OPTIONS,
  type LoopCarry,
} from '../shared/command-loop';
import { whistleConcludedSignal } from '../shared/whistle-link';

const activities = proxyActivities<WhistleActivities>(LOOKUP_OPTIONS);
/** The pure lookups (policy, scope, deadlines, scoring) as local activities. */
const localLookups = proxyLocalActivities<WhistleActivities>(LOCAL_LOOKUP_OPTIONS);
/** Lookups as local activities (histories recorded before: activities). */
const LOOKUPS_LOCAL = 'whistle-lookups-local';
/** The policy asked for the whistle's street (histories recorded before: asked without it). */
const POLICY_OF_STREET = 'whistle-policy-of-street';

const actions = defineActions<WhistleCommand, WhistleState>('whistleState', WHISTLE_COMMAND_TYPES);
export const whistleStateQuery = actions.query;
/** One signal and one update (`<action>Update`) per action, as for orders. */
export const whistleSignals = actions.signals;
export const whistleUpdates = actions.updates;

/**
 * One whistle (街乡吹哨、部门报到, docs/domain.md "Whistle dispatch"): the street blows it for one
 * problem, the summoned departments report (报到), commit (表态), act and report completion, the
 * street verifies each part (核查) and closes it, or escalates it (上报) to a district whistle that
 * this one starts. Deadlines are durable timers: a missed one is urged (催办), then escalated
 * (督办), and stays on the department's record. After the close both sides rate each other
 * (双向评价) until everyone has rated or the evaluation window ends; then the workflow completes.
 */
export async function whistleWorkflow(
  input: WhistleWorkflowInput,
  carried?: LoopCarry<WhistleState>,
): Promise<WhistleState> {
  const lookups = patched(LOOKUPS_LOCAL) ? localLookups : activities;
  const loop = new CommandLoop(
    {
      aggregateType: 'whistle',
      aggregateId: input.whistleId,
      events: activities,
      notReady: () =>
        new WhistleActionRefused(
          'wrong_state',
          `Whistle ${input.whistleId} is still being blown; try again in a moment`,
        ),
      ...whistle.decider,
      lookUp,
      startChildren: startDistrictWhistle,
      published: publishSearchAttributes,
    },
    whistle.initialState(input, {
      districtUnitId: '',
      evaluationWindowHours: 0,
      rating: { min: 1, max: 5 },
    }),
    carried,
  );
  loop.register(actions);

  // Report, commit, act, verify, close; tell the linked orders once it has ended; then the
  // two-way evaluation, until everyone has rated or the window closes.
  let ordersTold = carried?.extra?.ordersTold === true;
  const run = () =>
    loop.run({
      afterPublish: async (state) => {
        if (ordersTold || !whistle.conclusionOf(state)) return;
        ordersTold = true;
        await tellLinkedOrders(state);
      },
      done: (state) => state.status === 'refused' || state.status === 'evaluated',
      dueWork: async (state, now) => {
        if (!whistle.evaluationDue(state, now)) return false;
        await loop.exclusive(completeEvaluation);
        return true;
      },
      wakeAt: (state) =>
        state.status === 'closed'
          ? Date.parse(state.evaluationBy!)
          : whistle.pendingTimers(state)[0]?.at,
      continueAsNew: {
        afterEvents: loop.state.policy.historyEventsPerRun,
        continueWith: (carry) =>
          continueAsNew<typeof whistleWorkflow>(input, { ...carry, extra: { ordersTold } }),
      },
    });
  // A continued run (continue-as-new) carries on where the last one stopped.
  if (carried) return run();

  // The blow (吹哨): scope check, then the report deadline and its escalation.
  // The street's own district runs its district whistles (a street of any district may blow).
  const policy = patched(POLICY_OF_STREET)
    ? await lookups.whistlePolicy({ streetId: input.streetId })
    : await lookups.whistlePolicy();
  loop.state = { ...whistle.initialState(input, policy), timeline: loop.state.timeline };
  upsertMemo({ summary: whistle.memoSummary(loop.state, input.summonedUnitIds.length) });
  const blownAt = new Date().toISOString();
  const scope = await lookups.checkWhistleScope(whistle.scopeRequest(input));
  if (scope.ok) {
    const report = await lookups.whistleDeadline({
      whistleType: input.whistleType,
      from: blownAt,
    });
    const escalation = await lookups.whistleDeadline({
      whistleType: input.whistleType,
      from: report.deadline,
    });
    loop.emit(
      whistle.decideBlow(input, loop.state, {
        scope,
        blownAt,
        reportBy: report.deadline,
        reportEscalateAt: escalation.deadline,
        provisional: Boolean(report.provisional || escalation.provisional),
      }),
    );
  } else {
    loop.emit(whistle.decideBlow(input, loop.state, { scope, blownAt }));
  }
  loop.start();

  return run();

  async function lookUp(
    state: WhistleState,
    needs: whistle.WhistleNeeds,
    now: number | undefined,
  ): Promise<Omit<whistle.WhistleDecisionContext, 'now'>> {
    const limit = async (from: string) =>
      (await lookups.whistleDeadline({ whistleType: state.whistleType, from })).deadline;
    if (needs.limitFromNow) {
      const deadline = await limit(new Date(now ?? Date.now()).toISOString());
      return { deadline, escalateAt: await limit(deadline) };
    }
    if (needs.escalationAfter) return { escalateAt: await limit(needs.escalationAfter) };
    if (needs.scope) return { scope: await lookups.checkWhistleScope(needs.scope) };
    return {};
  }

  /** 上报: the district whistle starts before the escalation is recorded, so it always exists. */
  async function startDistrictWhistle(
    state: WhistleState,
    _cmd: WhistleCommand,
    events: PendingWhistleEvent[],
  ): Promise<void> {
    for (const event of events) {
      if (event.type !== 'WhistleEscalated') continue;
      await startChild(whistleWorkflow, {
        workflowId: event.payload.districtWhistleId,
        args: [whistle.districtWhistleInput(state, event.payload)],
        // The district whistle outlives this one, which ends after its own evaluation.
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    }
  }

  /** The two-way evaluation's closing record, scored by libs/domain. */
  async function completeEvaluation(): Promise<void> {
    const scores = await lookups.scoreWhistle({
      whistleId: loop.state.whistleId,
      raterUnitId: loop.state.ownerUnitId,
      participations: whistle.scoringRecords(loop.state),
    });
    loop.emit(whistle.decideEvaluation(loop.state, scores));
  }
}

/** Signals each linked order; an order that has closed meanwhile is skipped. */
async function tellLinkedOrders(state: WhistleState): Promise<void> {
  const conclusion = whistle.conclusionOf(state)!;
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
  const deadline = whistle.nextDeadline(state);
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.WhistleType, value: state.whistleType },
    { key: SEARCH_ATTRIBUTES.Street, value: state.streetId },
    { key: SEARCH_ATTRIBUTES.MatterType, value: state.matterTypeCode },
    { key: SEARCH_ATTRIBUTES.DepartmentsPending, value: whistle.departmentsPending(state) },
    { key: SEARCH_ATTRIBUTES.NextDeadline, value: deadline ? new Date(deadline) : null },
  ]);
}
