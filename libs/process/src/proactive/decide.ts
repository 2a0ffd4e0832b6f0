import type { ProactiveTaskEvent } from '@hotline/contracts';
import type { DutyAdmissionCheck } from '@hotline/domain';
import { assessTaskEffect, measurementSpans } from '@hotline/domain/workflow-rules';
import { HOUR, iso, ms, required } from '../shared/time';
import {
  type ProactiveTaskActor,
  ProactiveTaskActionRefused,
  type ProactiveTaskCommand,
  type ProactiveTaskState,
  type ProactiveTaskWorkflowInput,
} from './model';

const who = (a: ProactiveTaskActor) => (a.kind === 'unit' ? `${a.unitId}/${a.userId}` : a.userId);

/** What the decider needs looked up before it decides an action. */
export interface ProactiveTaskNeeds {
  /** The centre's verification limit from now (after completion). */
  verifyLimit?: boolean;
}

export interface ProactiveTaskDecisionContext {
  now: number;
  verifyBy?: string;
}

/** The task itself, at the start: the owner's plan limit and the check against its lists. */
export function decideStart(
  input: ProactiveTaskWorkflowInput,
  ctx: { planBy: string; admission: DutyAdmissionCheck },
): ProactiveTaskEvent[] {
  return [
    {
      type: 'ProactiveTaskStarted',
      payload: {
        taskId: input.taskId,
        source: { ...input.source, orderIds: [...input.source.orderIds] },
        matterTypeCode: input.scope.matterTypeCode,
        ...(input.scope.streetId ? { streetId: input.scope.streetId } : {}),
        ...(input.scope.communityId ? { communityId: input.scope.communityId } : {}),
        title: input.title,
        description: input.description,
        ownerUnitId: input.ownerUnitId,
        ...(input.admissionEntryCode ? { admissionEntryCode: input.admissionEntryCode } : {}),
        startedBy: who(input.startedBy),
        dueBy: input.dueBy,
        planBy: ctx.planBy,
        admission: { ...ctx.admission },
      },
    },
  ];
}

/** Actions are checked before anything is looked up: who may act, and in which status. */
export function validate(state: ProactiveTaskState, cmd: ProactiveTaskCommand): void {
  const refuse = (
    code: 'forbidden' | 'wrong_state' | 'invalid' | 'limit_reached',
    message: string,
  ) => {
    throw new ProactiveTaskActionRefused(code, message);
  };
  const owner = cmd.actor.kind === 'unit' && cmd.actor.unitId === state.ownerUnitId;
  const id = state.taskId;
  switch (cmd.type) {
    case 'submitPlan':
      if (!owner) refuse('forbidden', `只有承办单位 ${state.ownerUnitId} 可以提交整改方案`);
      if (state.status !== 'planning')
        refuse('wrong_state', `任务 ${id} 不在方案制定阶段（${state.status}）`);
      if (cmd.plan.trim().length < 4 || cmd.measures.length === 0)
        refuse('invalid', '整改方案须写明方案内容和至少一项措施');
      return;
    case 'reportProgress':
      if (!owner) refuse('forbidden', `只有承办单位 ${state.ownerUnitId} 可以报告进展`);
      if (state.status !== 'in_progress')
        refuse('wrong_state', `任务 ${id} 不在整改中（${state.status}），不能报告进展`);
      if (!Number.isInteger(cmd.percent) || cmd.percent < 0 || cmd.percent > 100)
        refuse('invalid', '进度须为 0–100 的整数');
      if (state.progress.length >= state.policy.maxProgressNotes)
        refuse(
          'limit_reached',
          `任务 ${id} 已记录 ${state.progress.length} 条进展，已达上限；请在完成报告中汇总`,
        );
      return;
    case 'complete':
      if (!owner) refuse('forbidden', `只有承办单位 ${state.ownerUnitId} 可以报告完成`);
      if (state.status !== 'in_progress')
        refuse('wrong_state', `任务 ${id} 不在整改中（${state.status}），不能报告完成`);
      return;
    case 'verify':
      if (cmd.actor.kind !== 'supervisor') refuse('forbidden', '只有接诉即办中心可以核验任务');
      if (state.status !== 'verifying')
        refuse('wrong_state', `任务 ${id} 未报告完成，无需核验（${state.status}）`);
      if (cmd.decision === 'send_back' && cmd.note.trim().length < 2)
        refuse('invalid', '退回整改须写明理由');
      return;
    case 'cancel':
      if (cmd.actor.kind !== 'supervisor') refuse('forbidden', '只有接诉即办中心可以撤销任务');
      if (!['planning', 'in_progress', 'verifying'].includes(state.status))
        refuse('wrong_state', `任务 ${id} 已核验或已结束（${state.status}），不能撤销`);
      return;
  }
}

export function needsFor(
  _state: ProactiveTaskState,
  cmd: ProactiveTaskCommand,
): ProactiveTaskNeeds {
  return cmd.type === 'complete' ? { verifyLimit: true } : {};
}

export function decide(
  state: ProactiveTaskState,
  cmd: ProactiveTaskCommand,
  ctx: ProactiveTaskDecisionContext,
): ProactiveTaskEvent[] {
  switch (cmd.type) {
    case 'submitPlan':
      return [
        {
          type: 'ProactiveTaskPlanned',
          payload: { plan: cmd.plan, measures: cmd.measures, plannedBy: who(cmd.actor) },
        },
      ];
    case 'reportProgress':
      return [
        {
          type: 'ProactiveTaskProgressReported',
          payload: { note: cmd.note, percent: cmd.percent, reportedBy: who(cmd.actor) },
        },
      ];
    case 'complete':
      return [
        {
          type: 'ProactiveTaskCompleted',
          payload: {
            summary: cmd.summary,
            completedBy: who(cmd.actor),
            verifyBy: required(ctx.verifyBy, 'the verification limit'),
          },
        },
      ];
    case 'verify': {
      if (cmd.decision === 'send_back')
        return [
          {
            type: 'ProactiveTaskSentBack',
            payload: {
              note: cmd.note,
              sentBackBy: who(cmd.actor),
              sendBackCount: state.sendBackCount + 1,
            },
          },
        ];
      const spans = measurementSpans(
        new Date(required(state.startedAt, 'the start')),
        new Date(ctx.now),
        state.policy.measureWeeks,
      );
      const span = (s: { from: Date; to: Date }) => ({ from: iso(+s.from), to: iso(+s.to) });
      return [
        {
          type: 'ProactiveTaskVerified',
          payload: {
            note: cmd.note,
            verifiedBy: who(cmd.actor),
            before: span(spans.before),
            after: span(spans.after),
            measureAt: iso(spans.after.to.getTime() + state.policy.measureGraceHours * HOUR),
          },
        },
      ];
    }
    case 'cancel':
      return [
        {
          type: 'ProactiveTaskCancelled',
          payload: { reason: cmd.reason, cancelledBy: who(cmd.actor) },
        },
      ];
  }
}

/** Deadlines as timers, each on the record once: the plan, the owner's deadline, the verification. */
export interface ProactiveTaskTimer {
  key: string;
  at: number;
  kind: 'plan_overdue' | 'deadline_missed' | 'verification_overdue';
}

export function pendingTimers(state: ProactiveTaskState): ProactiveTaskTimer[] {
  const timers: ProactiveTaskTimer[] = [];
  const add = (kind: ProactiveTaskTimer['kind'], at: string | undefined) => {
    if (!at) return;
    const key = `${kind}:${at}`;
    if (!state.firedTimers.includes(key)) timers.push({ key, at: ms(at), kind });
  };
  if (state.status === 'planning' && !state.planOverdue) add('plan_overdue', state.planBy);
  if ((state.status === 'planning' || state.status === 'in_progress') && !state.deadlineMissed)
    add('deadline_missed', state.dueBy);
  if (state.status === 'verifying' && !state.verificationOverdue)
    add('verification_overdue', state.verifyBy);
  return timers.sort((a, b) => a.at - b.at);
}

export function fireTimer(
  state: ProactiveTaskState,
  timer: ProactiveTaskTimer,
): ProactiveTaskEvent[] {
  switch (timer.kind) {
    case 'plan_overdue':
      return [{ type: 'ProactiveTaskPlanOverdue', payload: { planBy: state.planBy! } }];
    case 'deadline_missed':
      return [{ type: 'ProactiveTaskDeadlineMissed', payload: { dueBy: state.dueBy } }];
    case 'verification_overdue':
      return [{ type: 'ProactiveTaskVerificationOverdue', payload: { verifyBy: state.verifyBy! } }];
  }
}

/**
 * When the effect is measured (ms), while the task waits for it. Not a plain timer: measuring
 * needs a lookup (the complaint counts), which the workflow runs as due work.
 */
export function measurementDue(state: ProactiveTaskState): number | undefined {
  return state.status === 'measuring' && state.measureAt ? ms(state.measureAt) : undefined;
}

/** The effect, from the orders counted in the two spans (libs/domain `assessTaskEffect`). */
export function decideEffect(
  state: ProactiveTaskState,
  counted: { before: string[]; after: string[] },
): ProactiveTaskEvent[] {
  const before = required(state.before, 'the span before');
  const after = required(state.after, 'the span after');
  const effect = assessTaskEffect(counted.before.length, counted.after.length, state.policy);
  return [
    {
      type: 'ProactiveTaskEffectMeasured',
      payload: {
        before: { ...before, orders: counted.before.length, orderIds: counted.before },
        after: { ...after, orders: counted.after.length, orderIds: counted.after },
        change: effect.change,
        verdict: effect.verdict,
        explanation: effect.explanation,
      },
    },
  ];
}

export const isFinished = (state: ProactiveTaskState): boolean =>
  state.status === 'closed' || state.status === 'cancelled';
