import {
  PROACTIVE_TASK_COMMAND_TYPES,
  ProactiveTaskActionRefused,
  type ProactiveTaskActivities,
  type ProactiveTaskCommand,
  type ProactiveTaskState,
  type ProactiveTaskWorkflowInput,
  proactive,
} from '@hotline/process';
import { SEARCH_ATTRIBUTES } from '@hotline/temporal/search-attributes';
import { proxyActivities, upsertMemo, upsertSearchAttributes } from '@temporalio/workflow';
import { CommandLoop, defineActions, LOOKUP_OPTIONS } from '../shared/command-loop';

const activities = proxyActivities<ProactiveTaskActivities>(LOOKUP_OPTIONS);

const actions = defineActions<ProactiveTaskCommand, ProactiveTaskState>(
  'proactiveTaskState',
  PROACTIVE_TASK_COMMAND_TYPES,
);
export const proactiveTaskStateQuery = actions.query;
export const proactiveTaskSignals = actions.signals;
export const proactiveTaskUpdates = actions.updates;

/**
 * One proactive task (未诉先办, 每月一题): the centre turns a hotspot or an accepted monthly topic
 * into a task for a street or department, checked against the owner's lists (准入: off-list work is
 * flagged at dispatch). The owner plans within its limit, reports progress and completion by the
 * deadline; the centre verifies (accepts or sends back). Missed limits go on the record once.
 * After acceptance the task waits out the measured span, then asks the read model for the
 * complaints of that matter and place after against before, and records whether the task worked.
 *
 * Why a timer and a lookup rather than a projection: the verdict is a fact at a moment; with the
 * counts in this history (and in the event) every rebuild of the read models reproduces it, while
 * a projection would count whatever order events it had seen by then.
 */
export async function proactiveTaskWorkflow(
  input: ProactiveTaskWorkflowInput,
): Promise<ProactiveTaskState> {
  const loop = new CommandLoop(
    {
      aggregateType: 'proactive_task',
      aggregateId: input.taskId,
      events: activities,
      notReady: () =>
        new ProactiveTaskActionRefused('wrong_state', `任务 ${input.taskId} 正在登记，请稍后再试`),
      validate: (state, cmd) => proactive.validate(state, cmd),
      needsFor: proactive.needsFor,
      lookUp,
      decide: proactive.decide,
      evolve: proactive.evolve,
      pendingTimers: proactive.pendingTimers,
      fireTimer: proactive.fireTimer,
      published: publishSearchAttributes,
    },
    proactive.initialState(input),
  );
  loop.register(actions);

  // The start: the measurement policy, the plan limit, the check against the owner's lists.
  const startedAt = new Date().toISOString();
  const policy = await activities.proactiveTaskPolicy();
  loop.state = { ...proactive.initialState(input, policy), timeline: loop.state.timeline };
  const plan = await activities.proactiveTaskLimit({ phase: 'plan', from: startedAt });
  const admission = await activities.checkDutyAdmission({
    unitId: input.ownerUnitId,
    role: 'owner',
    matterTypeCode: input.scope.matterTypeCode,
    ...(input.admissionEntryCode ? { admissionEntryCode: input.admissionEntryCode } : {}),
  });
  loop.emit(proactive.decideStart(input, { planBy: plan.deadline, admission }));
  upsertMemo({ summary: `${input.ownerUnitId}：${input.title}` });
  loop.start();

  return loop.run({
    done: proactive.isFinished,
    dueWork: measureWhenDue,
    wakeAt: (state) => {
      const times = [proactive.pendingTimers(state)[0]?.at, proactive.measurementDue(state)].filter(
        (t): t is number => t !== undefined,
      );
      return times.length ? Math.min(...times) : undefined;
    },
  });

  /** After the measured span: count the complaints before and after, record the effect. */
  async function measureWhenDue(state: ProactiveTaskState, now: number): Promise<boolean> {
    const due = proactive.measurementDue(state);
    if (due === undefined || due > now) return false;
    await loop.exclusive(async () => {
      const current = loop.state;
      if (proactive.measurementDue(current) === undefined) return;
      const before = await activities.countComplaints({ scope: current.scope, ...current.before! });
      const after = await activities.countComplaints({ scope: current.scope, ...current.after! });
      loop.emit(
        proactive.decideEffect(current, { before: before.orderIds, after: after.orderIds }),
      );
    });
    return true;
  }

  async function lookUp(
    _state: ProactiveTaskState,
    needs: proactive.ProactiveTaskNeeds,
    now: number | undefined,
  ): Promise<Omit<proactive.ProactiveTaskDecisionContext, 'now'>> {
    const from = new Date(now ?? Date.now()).toISOString();
    return needs.verifyLimit
      ? { verifyBy: (await activities.proactiveTaskLimit({ phase: 'verify', from })).deadline }
      : {};
  }
}

function publishSearchAttributes(state: ProactiveTaskState): void {
  const deadline =
    state.status === 'planning'
      ? state.planOverdue
        ? state.dueBy
        : state.planBy
      : state.status === 'in_progress'
        ? state.dueBy
        : state.status === 'verifying'
          ? state.verifyBy
          : state.status === 'measuring'
            ? state.measureAt
            : undefined;
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.LeadUnit, value: state.ownerUnitId },
    { key: SEARCH_ATTRIBUTES.NextDeadline, value: deadline ? new Date(deadline) : null },
  ]);
}
