import type { ProactiveTaskEvent } from '@hotline/contracts';
import type {
  ProactiveTaskPolicySnapshot,
  ProactiveTaskState,
  ProactiveTaskWorkflowInput,
} from './model';

export const DEFAULT_POLICY_SNAPSHOT: ProactiveTaskPolicySnapshot = {
  measureWeeks: 4,
  measureGraceHours: 24,
  effectiveDrop: 0.3,
  minOrdersBefore: 3,
  maxProgressNotes: 50,
};

export function initialState(
  input: ProactiveTaskWorkflowInput,
  policy: ProactiveTaskPolicySnapshot = DEFAULT_POLICY_SNAPSHOT,
): ProactiveTaskState {
  return {
    taskId: input.taskId,
    status: 'planning',
    source: input.source,
    scope: input.scope,
    title: input.title,
    ownerUnitId: input.ownerUnitId,
    policy,
    dueBy: input.dueBy,
    measures: [],
    progress: [],
    percent: 0,
    sendBackCount: 0,
    planOverdue: false,
    deadlineMissed: false,
    verificationOverdue: false,
    firedTimers: [],
    timeline: [],
  };
}

/** The state after an event: the only place the task's state changes. */
export function evolve(
  state: ProactiveTaskState,
  event: ProactiveTaskEvent,
  now: number,
): ProactiveTaskState {
  const at = new Date(now).toISOString();
  switch (event.type) {
    case 'ProactiveTaskStarted': {
      const p = event.payload;
      return {
        ...state,
        status: 'planning',
        startedAt: at,
        planBy: p.planBy,
        dueBy: p.dueBy,
        admission: p.admission as ProactiveTaskState['admission'],
      };
    }
    case 'ProactiveTaskPlanned':
      return {
        ...state,
        status: 'in_progress',
        plan: event.payload.plan,
        measures: event.payload.measures,
      };
    case 'ProactiveTaskProgressReported':
      return {
        ...state,
        percent: event.payload.percent,
        progress: [
          ...state.progress,
          { note: event.payload.note, percent: event.payload.percent, at },
        ],
      };
    case 'ProactiveTaskCompleted':
      return {
        ...state,
        status: 'verifying',
        percent: 100,
        completedAt: at,
        verifyBy: event.payload.verifyBy,
        verificationOverdue: false,
      };
    case 'ProactiveTaskSentBack':
      return {
        ...state,
        status: 'in_progress',
        sendBackCount: event.payload.sendBackCount,
        verifyBy: undefined,
      };
    case 'ProactiveTaskVerified':
      return {
        ...state,
        status: 'measuring',
        verifiedAt: at,
        before: event.payload.before,
        after: event.payload.after,
        measureAt: event.payload.measureAt,
      };
    case 'ProactiveTaskEffectMeasured': {
      const p = event.payload;
      return {
        ...state,
        status: 'closed',
        effect: {
          verdict: p.verdict,
          change: p.change,
          beforeOrders: p.before.orders,
          afterOrders: p.after.orders,
          explanation: p.explanation,
        },
      };
    }
    case 'ProactiveTaskPlanOverdue':
      return { ...state, planOverdue: true };
    case 'ProactiveTaskDeadlineMissed':
      return { ...state, deadlineMissed: true };
    case 'ProactiveTaskVerificationOverdue':
      return { ...state, verificationOverdue: true };
    case 'ProactiveTaskCancelled':
      return { ...state, status: 'cancelled' };
  }
}
