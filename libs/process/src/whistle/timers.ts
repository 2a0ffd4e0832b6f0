import { ms, required } from '../shared/time';

import type { WhistleMissKind } from '@hotline/contracts';
import type { DepartmentPart, PendingWhistleEvent, WhistleState } from './model';

/**
 * The whistle's deadlines as timers (pure). A department reports by the whistle type's limit from
 * the blow; once reported it states its position (表态) within the same limit; then it delivers by
 * the due date it committed to. A missed deadline is recorded and urged (催办) at once, and
 * escalated (督办) when one more such limit has passed without the step. Only an open whistle has
 * timers: what is still owed at the close is settled by the participation record.
 */

export interface WhistleTimer {
  key: string;
  at: number;
  departmentId: string;
  kind: WhistleMissKind;
  action: 'miss' | 'escalate';
  deadline: string;
}

/** The step a department owes now, with its deadline and escalation, if any. */
function owed(state: WhistleState, d: DepartmentPart) {
  switch (d.status) {
    case 'summoned':
      return {
        kind: 'report' as const,
        deadline: state.reportBy,
        escalateAt: state.reportEscalateAt,
      };
    case 'reported':
      return { kind: 'commitment' as const, deadline: d.commitBy, escalateAt: d.commitEscalateAt };
    case 'committed':
      return {
        kind: 'delivery' as const,
        deadline: d.commitment?.dueBy,
        escalateAt: d.deliveryEscalateAt,
      };
    default:
      return undefined;
  }
}

/** Every miss and escalation the open whistle still has ahead, earliest first. */
export function pendingTimers(state: WhistleState): WhistleTimer[] {
  if (state.status !== 'open') return [];
  const timers: WhistleTimer[] = [];
  for (const d of state.departments) {
    const step = owed(state, d);
    if (!step?.deadline || !step.escalateAt) continue;
    const base = { departmentId: d.departmentId, kind: step.kind, deadline: step.deadline };
    const miss = `${step.kind}:miss:${d.departmentId}:${step.deadline}`;
    const escalate = `${step.kind}:escalate:${d.departmentId}:${step.deadline}`;
    if (!state.firedTimers.includes(miss))
      timers.push({ ...base, key: miss, at: ms(step.deadline), action: 'miss' });
    else if (!state.firedTimers.includes(escalate))
      timers.push({ ...base, key: escalate, at: ms(step.escalateAt), action: 'escalate' });
  }
  return timers.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
}

/** Events for a timer that came due. The caller marks the timer fired. */
export function fireTimer(state: WhistleState, timer: WhistleTimer): PendingWhistleEvent[] {
  const { departmentId, kind, deadline } = timer;
  if (timer.action === 'escalate') {
    return [
      {
        type: 'DepartmentEscalated',
        payload: {
          departmentId,
          kind,
          note: `${WORDS[kind]}期限 ${deadline} 已过且催办后仍未完成：督办`,
          automatic: true,
        },
      },
    ];
  }
  const part = state.departments.find((d) => d.departmentId === departmentId);
  const escalateAt = part ? owed(state, part)?.escalateAt : undefined;
  const missed: PendingWhistleEvent =
    kind === 'report'
      ? {
          type: 'ReportDeadlineMissed',
          payload: { departmentId, deadline, escalateAt: required(escalateAt, 'escalateAt') },
        }
      : {
          type: 'CommitmentDeadlineMissed',
          payload: { departmentId, kind, deadline, escalateAt: required(escalateAt, 'escalateAt') },
        };
  return [
    missed,
    {
      type: 'DepartmentUrged',
      payload: {
        departmentId,
        kind,
        note: `${WORDS[kind]}期限 ${deadline} 已过：催办`,
        automatic: true,
      },
    },
  ];
}

const WORDS: Record<WhistleMissKind, string> = {
  report: '报到',
  commitment: '表态',
  delivery: '承诺办结',
};

/** The next deadline someone can miss (NextDeadline), or the end of the evaluation. */
export function nextDeadline(state: WhistleState): string | undefined {
  if (state.status === 'closed') return state.evaluationBy;
  return pendingTimers(state).find((t) => t.action === 'miss')?.deadline;
}

/** Departments whose next step is theirs: report, commit or deliver (DepartmentsPending). */
export function departmentsPending(state: WhistleState): string[] {
  if (state.status !== 'open') return [];
  return state.departments
    .filter((d) => d.status === 'summoned' || d.status === 'reported' || d.status === 'committed')
    .map((d) => d.departmentId);
}
