import {
  DEPUTY_COMMAND_TYPES,
  DeputyActionRefused,
  type DeputyActivities,
  type DeputyCommand,
  type DeputyItemState,
  type DeputyItemWorkflowInput,
  type DeputyOrderAnswer,
  deputy,
} from '@hotline/process';
import { SEARCH_ATTRIBUTES } from '@hotline/temporal/search-attributes';
import {
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { CommandLoop, defineActions, LOOKUP_OPTIONS } from '../shared/command-loop';
import { deputyOrderAnsweredSignal } from '../shared/deputy-link';

const activities = proxyActivities<DeputyActivities>(LOOKUP_OPTIONS);

const actions = defineActions<DeputyCommand, DeputyItemState>(
  'deputyItemState',
  DEPUTY_COMMAND_TYPES,
);
export const deputyItemStateQuery = actions.query;
export const deputyItemSignals = actions.signals;
export const deputyItemUpdates = actions.updates;

/**
 * One opinion or suggestion a deputy recorded at a station (人大代表之家、联络站、联系点): handed
 * over within its limit as a 12345 order (channel `deputy`, whose answer the order sends back) or
 * as a proposal to a unit with a due date (交办); answered by the unit; rated by the deputy (or
 * the rating lapses); reported back to the station and the resident. Reminders (催办) before each
 * limit, and a missed limit on the record once.
 */
export async function deputyItemWorkflow(input: DeputyItemWorkflowInput): Promise<DeputyItemState> {
  const loop = new CommandLoop(
    {
      aggregateType: 'deputy_item',
      aggregateId: input.itemId,
      events: activities,
      notReady: () =>
        new DeputyActionRefused('wrong_state', `代表意见建议 ${input.itemId} 正在登记，请稍后再试`),
      validate: deputy.validate,
      needsFor: deputy.needsFor,
      lookUp,
      decide: deputy.decide,
      evolve: deputy.evolve,
      pendingTimers: deputy.pendingTimers,
      fireTimer: deputy.fireTimer,
      published: publishSearchAttributes,
    },
    deputy.initialState(input),
  );
  loop.register(actions);

  // The order made from this item answered (or closed without one). The order starts before the
  // hand-over is recorded, so an answer may come first: it is kept until the hand-over names it.
  const orderAnswers: DeputyOrderAnswer[] = [];
  setHandler(deputyOrderAnsweredSignal, (answer) =>
    loop.exclusive(
      async () => {
        orderAnswers.push(answer);
        await takeOrderAnswer();
      },
      { once: 'ready' },
    ),
  );

  // Recorded: the policy and the hand-over limit.
  const recorded = Date.now();
  const policy = await activities.deputyPolicy();
  loop.state = { ...deputy.initialState(input, policy), timeline: loop.state.timeline };
  const handOver = await activities.deputyLimit({
    phase: 'hand_over',
    from: new Date(recorded).toISOString(),
  });
  loop.emit(deputy.decideRecording(input, { handOverBy: handOver.deadline }));
  upsertMemo({ summary: `${input.stationId} · ${input.deputyId} · ${input.kind}` });
  loop.start();

  return loop.run({
    done: deputy.isFinished,
    dueWork: () => loop.exclusive(takeOrderAnswer),
  });

  /** Records the answer of the order the item was handed to, if it came; true if it did. */
  async function takeOrderAnswer(): Promise<boolean> {
    const state = loop.state;
    const answer = orderAnswers.find((a) => a.orderId === state.orderId);
    if (state.status !== 'handed_over' || state.route !== 'order' || !answer) return false;
    const now = Date.now();
    const window = await lookUp(state, { rateWindow: true }, now);
    const events = deputy.decideOrderAnswer(loop.state, answer, {
      now,
      rateBy: window.rateBy!,
      reportBackIfUnratedBy: window.reportBackIfUnratedBy!,
    });
    loop.emit(events);
    return events.length > 0;
  }

  async function lookUp(
    state: DeputyItemState,
    needs: deputy.DeputyNeeds,
    now: number | undefined,
  ): Promise<Omit<deputy.DeputyDecisionContext, 'now'>> {
    const from = new Date(now ?? Date.now()).toISOString();
    const limit = async (
      phase: Parameters<DeputyActivities['deputyLimit']>[0]['phase'],
      at = from,
    ) => (await activities.deputyLimit({ phase, from: at })).deadline;
    const ctx: Omit<deputy.DeputyDecisionContext, 'now'> = {};
    if (needs.proposal) {
      ctx.proposalCheck = await activities.checkDeputyProposal({
        stationId: state.input.stationId,
        unitId: needs.proposal.unitId,
      });
      ctx.defaultDueAt = await limit('answer');
      ctx.latestDueAt = await limit('longest_answer');
    }
    if (needs.rateWindow) {
      ctx.rateBy = await limit('rate');
      ctx.reportBackIfUnratedBy = await limit('report_back', ctx.rateBy);
    }
    if (needs.reportBackLimit) ctx.reportBackBy = await limit('report_back');
    return ctx;
  }
}

function publishSearchAttributes(state: DeputyItemState): void {
  const deadline =
    state.status === 'recorded'
      ? state.handOverBy
      : state.status === 'handed_over'
        ? state.dueAt
        : state.status === 'answered'
          ? state.rateBy
          : state.status === 'rated'
            ? state.reportBackBy
            : undefined;
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.Street, value: state.input.streetId },
    { key: SEARCH_ATTRIBUTES.LeadUnit, value: state.unitId ?? null },
    { key: SEARCH_ATTRIBUTES.NextDeadline, value: deadline ? new Date(deadline) : null },
  ]);
}
