import type { AdmissionEvent } from '@hotline/contracts';
import type { AdmissionApplication, AdmissionFinding } from '@hotline/domain';
import { canAdmit } from '@hotline/domain/workflow-rules';
import { iso, ms, required } from '../shared/time';
import {
  type AdmissionActor,
  AdmissionActionRefused,
  type AdmissionCommand,
  type AdmissionState,
  type AdmissionWorkflowInput,
} from './model';

const who = (a: AdmissionActor) => (a.kind === 'unit' ? `${a.unitId}/${a.userId}` : a.userId);

/** What the decider needs looked up (activities) before it can decide an action. */
export interface AdmissionNeeds {
  /** A new review limit from now (after an application or a resubmission). */
  reviewLimit?: boolean;
  /** The resubmission limit from now (after a return). */
  resubmitLimit?: boolean;
  /** The application to pre-check against the published list (as resubmitted). */
  precheck?: AdmissionApplication;
}

export interface AdmissionDecisionContext {
  now: number;
  reviewBy?: string;
  resubmitBy?: string;
  findings?: AdmissionFinding[];
}

/** The application itself (at start): pre-checked, with the office's review limit. */
export function decideApplication(
  input: AdmissionWorkflowInput,
  ctx: { now: number; reviewBy: string; findings: AdmissionFinding[] },
): AdmissionEvent[] {
  return [
    {
      type: 'AdmissionApplied',
      payload: {
        applicationId: input.applicationId,
        ...input.application,
        appliedBy: who(input.appliedBy),
        findings: ctx.findings,
        reviewBy: ctx.reviewBy,
      },
    },
  ];
}

/** Actions are checked before anything is looked up: who may act, and in which status. */
export function validate(state: AdmissionState, cmd: AdmissionCommand): void {
  const refuse = (code: 'forbidden' | 'wrong_state' | 'invalid', message: string) => {
    throw new AdmissionActionRefused(code, message);
  };
  const applicant = (a: AdmissionActor) =>
    a.kind === 'unit' && a.unitId === state.application.departmentId;
  switch (cmd.type) {
    case 'review': {
      if (cmd.actor.kind !== 'supervisor')
        refuse('forbidden', '只有区准入审核机构可以审核准入申请');
      if (state.status !== 'under_review')
        refuse('wrong_state', `申请 ${state.applicationId} 当前不在审核中（${state.status}）`);
      if (cmd.decision === 'admit') {
        const check = canAdmit(state.application);
        if (!check.ok) refuse('invalid', check.reason);
      }
      if (cmd.decision === 'return' && state.returnCount >= state.maxReturns)
        refuse(
          'invalid',
          `已退回补正 ${state.returnCount} 次，不能再退回：请作出准入或不予准入的决定`,
        );
      if (cmd.decision === 'refuse' && cmd.reasons.length === 0)
        refuse('invalid', '不予准入须写明理由');
      if (cmd.decision === 'return' && cmd.missing.length === 0)
        refuse('invalid', '退回补正须写明需补充的内容');
      return;
    }
    case 'resubmit':
      if (!applicant(cmd.actor)) refuse('forbidden', '只有申请部门可以补正申请');
      if (state.status !== 'returned')
        refuse('wrong_state', `申请 ${state.applicationId} 未被退回，无需补正（${state.status}）`);
      if (cmd.application.departmentId !== state.application.departmentId)
        refuse('invalid', '补正不能更换申请部门');
      return;
    case 'withdraw':
      if (!applicant(cmd.actor)) refuse('forbidden', '只有申请部门可以撤回申请');
      if (state.status !== 'under_review' && state.status !== 'returned')
        refuse('wrong_state', `申请 ${state.applicationId} 已结束（${state.status}），不能撤回`);
      return;
  }
}

export function needsFor(_state: AdmissionState, cmd: AdmissionCommand): AdmissionNeeds {
  if (cmd.type === 'resubmit') return { reviewLimit: true, precheck: cmd.application };
  if (cmd.type === 'review' && cmd.decision === 'return') return { resubmitLimit: true };
  return {};
}

export function decide(
  state: AdmissionState,
  cmd: AdmissionCommand,
  ctx: AdmissionDecisionContext,
): AdmissionEvent[] {
  switch (cmd.type) {
    case 'review':
      switch (cmd.decision) {
        case 'admit':
          return [
            {
              type: 'AdmissionAdmitted',
              payload: {
                entryCode: entryCodeOf(state.applicationId),
                taskName: state.application.taskName,
                level: state.application.level,
                list: state.application.list,
                departmentId: state.application.departmentId,
                legalBasis: state.application.legalBasis,
                frequency: state.application.frequency,
                admittedOn: beijingDay(ctx.now),
                note: cmd.note,
                decidedBy: who(cmd.actor),
              },
            },
          ];
        case 'refuse':
          return [
            {
              type: 'AdmissionRefused',
              payload: { reasons: cmd.reasons, note: cmd.note, decidedBy: who(cmd.actor) },
            },
          ];
        case 'return':
          return [
            {
              type: 'AdmissionReturned',
              payload: {
                missing: cmd.missing,
                note: cmd.note,
                decidedBy: who(cmd.actor),
                returnCount: state.returnCount + 1,
                resubmitBy: required(ctx.resubmitBy, 'the resubmission limit'),
              },
            },
          ];
      }
      break;
    case 'resubmit':
      return [
        {
          type: 'AdmissionResubmitted',
          payload: {
            ...cmd.application,
            resubmittedBy: who(cmd.actor),
            findings: required(ctx.findings, 'the pre-check'),
            reviewBy: required(ctx.reviewBy, 'the review limit'),
          },
        },
      ];
    case 'withdraw':
      return [
        { type: 'AdmissionWithdrawn', payload: { note: cmd.note, withdrawnBy: who(cmd.actor) } },
      ];
  }
}

/** The list code an admitted task gets: its application's number, so it is unique without a lookup. */
export function entryCodeOf(applicationId: string): string {
  return `ZR-${applicationId.replace(/^ZS-/, '')}`;
}

/** The Beijing calendar day of an instant (UTC+8, no daylight saving). */
function beijingDay(now: number): string {
  return iso(now + 8 * 3_600_000).slice(0, 10);
}

/** Deadlines as timers: the review limit (once: 督办 on the record), the resubmission limit (lapse). */
export interface AdmissionTimer {
  key: string;
  at: number;
  kind: 'review_overdue' | 'lapse';
}

export function pendingTimers(state: AdmissionState): AdmissionTimer[] {
  const timers: AdmissionTimer[] = [];
  if (state.status === 'under_review' && state.reviewBy && !state.reviewOverdue) {
    const key = `review_overdue:${state.reviewBy}`;
    if (!state.firedTimers.includes(key))
      timers.push({ key, at: ms(state.reviewBy), kind: 'review_overdue' });
  }
  if (state.status === 'returned' && state.resubmitBy) {
    const key = `lapse:${state.resubmitBy}`;
    if (!state.firedTimers.includes(key))
      timers.push({ key, at: ms(state.resubmitBy), kind: 'lapse' });
  }
  return timers.sort((a, b) => a.at - b.at);
}

export function fireTimer(state: AdmissionState, timer: AdmissionTimer): AdmissionEvent[] {
  if (timer.kind === 'review_overdue')
    return [{ type: 'AdmissionReviewOverdue', payload: { reviewBy: state.reviewBy! } }];
  return [{ type: 'AdmissionLapsed', payload: { resubmitBy: state.resubmitBy! } }];
}

export const isFinished = (state: AdmissionState): boolean =>
  ['admitted', 'refused', 'withdrawn', 'lapsed'].includes(state.status);
