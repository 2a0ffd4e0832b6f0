import { OFF_LIST_REASONS } from '@hotline/domain';
import { z } from 'zod';

/**
 * Payloads of the proactive-task events (未诉先办, 每月一题), version 1. A hotspot or an accepted
 * monthly topic becomes a task owned by a street or a department: plan (整改方案), deadline,
 * progress, completion, verification by the centre (accept or send back), and — weeks later — the
 * measured effect: the complaints of that matter and place after against before. Published on
 * the governance topic (`aggregateType: 'proactive_task'`, the task id as aggregate id). No
 * personal data: units and officials by post only. Add fields (optional) or new versions.
 */

const isoTime = z.iso.datetime({ offset: true });
const text = z.string();

export const PROACTIVE_TASK_STATUSES = [
  'planning', // 待制定方案
  'in_progress', // 整改中
  'verifying', // 待中心核验
  'measuring', // 成效观察期
  'closed', // 已评估
  'cancelled', // 已撤销
] as const;
export type ProactiveTaskStatus = (typeof PROACTIVE_TASK_STATUSES)[number];
export const TASK_EFFECT_VERDICTS = ['effective', 'not_effective', 'insufficient_data'] as const;

const span = z.object({ from: isoTime, to: isoTime });

/** The dispatch-time check against the duty and admission lists (准入): off-list work is flagged. */
export const dutyAdmissionCheckSchema = z.object({
  onList: z.boolean(),
  reason: z.union([
    z.enum(OFF_LIST_REASONS),
    z.enum(['not_a_street', 'listed_duty', 'admitted_entry']),
  ]),
  explanation: text,
});

export const proactiveTaskStartedV1 = z.object({
  taskId: text.min(1),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('hotspot'), hotspotId: text.min(1), orderIds: z.array(text) }),
    z.object({ kind: z.literal('monthly_topic'), month: text.min(1), orderIds: z.array(text) }),
  ]),
  matterTypeCode: text.min(1),
  streetId: text.optional(),
  communityId: text.optional(),
  title: text.min(1),
  description: text,
  ownerUnitId: text.min(1),
  admissionEntryCode: text.optional(),
  startedBy: text,
  /** The owner's deadline to finish, set by the centre. */
  dueBy: isoTime,
  /** The owner's plan is due by then (working days from the start). */
  planBy: isoTime,
  /** Off-list work (清单外事项) flagged at dispatch. */
  admission: dutyAdmissionCheckSchema,
});
export const proactiveTaskPlannedV1 = z.object({
  plan: text.min(1),
  measures: z.array(text.min(1)).min(1),
  plannedBy: text,
});
export const proactiveTaskProgressReportedV1 = z.object({
  note: text.min(1),
  percent: z.number().int().min(0).max(100),
  reportedBy: text,
});
export const proactiveTaskCompletedV1 = z.object({
  summary: text.min(1),
  completedBy: text,
  /** The centre verifies by then. */
  verifyBy: isoTime,
});
export const proactiveTaskSentBackV1 = z.object({
  note: text.min(1),
  sentBackBy: text,
  sendBackCount: z.number().int().positive(),
});
export const proactiveTaskVerifiedV1 = z.object({
  note: text,
  verifiedBy: text,
  /** The spans compared later: before the task started, and as long after verification. */
  before: span,
  after: span,
  /** When the effect is measured: the end of `after` plus a grace for late events. */
  measureAt: isoTime,
});
export const proactiveTaskEffectMeasuredV1 = z.object({
  before: span.extend({ orders: z.number().int().min(0), orderIds: z.array(text) }),
  after: span.extend({ orders: z.number().int().min(0), orderIds: z.array(text) }),
  /** (after − before) / before; null when there was nothing before. */
  change: z.number().nullable(),
  verdict: z.enum(TASK_EFFECT_VERDICTS),
  explanation: text,
});
export const proactiveTaskPlanOverdueV1 = z.object({ planBy: isoTime });
export const proactiveTaskDeadlineMissedV1 = z.object({ dueBy: isoTime });
export const proactiveTaskVerificationOverdueV1 = z.object({ verifyBy: isoTime });
export const proactiveTaskCancelledV1 = z.object({ reason: text.min(1), cancelledBy: text });

export type ProactiveTaskStartedV1 = z.infer<typeof proactiveTaskStartedV1>;
export type ProactiveTaskPlannedV1 = z.infer<typeof proactiveTaskPlannedV1>;
export type ProactiveTaskProgressReportedV1 = z.infer<typeof proactiveTaskProgressReportedV1>;
export type ProactiveTaskCompletedV1 = z.infer<typeof proactiveTaskCompletedV1>;
export type ProactiveTaskSentBackV1 = z.infer<typeof proactiveTaskSentBackV1>;
export type ProactiveTaskVerifiedV1 = z.infer<typeof proactiveTaskVerifiedV1>;
export type ProactiveTaskEffectMeasuredV1 = z.infer<typeof proactiveTaskEffectMeasuredV1>;
export type ProactiveTaskPlanOverdueV1 = z.infer<typeof proactiveTaskPlanOverdueV1>;
export type ProactiveTaskDeadlineMissedV1 = z.infer<typeof proactiveTaskDeadlineMissedV1>;
export type ProactiveTaskVerificationOverdueV1 = z.infer<typeof proactiveTaskVerificationOverdueV1>;
export type ProactiveTaskCancelledV1 = z.infer<typeof proactiveTaskCancelledV1>;

export const PROACTIVE_TASK_EVENT_SCHEMAS = {
  ProactiveTaskStarted: { 1: proactiveTaskStartedV1 },
  ProactiveTaskPlanned: { 1: proactiveTaskPlannedV1 },
  ProactiveTaskProgressReported: { 1: proactiveTaskProgressReportedV1 },
  ProactiveTaskCompleted: { 1: proactiveTaskCompletedV1 },
  ProactiveTaskSentBack: { 1: proactiveTaskSentBackV1 },
  ProactiveTaskVerified: { 1: proactiveTaskVerifiedV1 },
  ProactiveTaskEffectMeasured: { 1: proactiveTaskEffectMeasuredV1 },
  ProactiveTaskPlanOverdue: { 1: proactiveTaskPlanOverdueV1 },
  ProactiveTaskDeadlineMissed: { 1: proactiveTaskDeadlineMissedV1 },
  ProactiveTaskVerificationOverdue: { 1: proactiveTaskVerificationOverdueV1 },
  ProactiveTaskCancelled: { 1: proactiveTaskCancelledV1 },
} as const;

export interface ProactiveTaskEventPayloads {
  ProactiveTaskStarted: ProactiveTaskStartedV1;
  ProactiveTaskPlanned: ProactiveTaskPlannedV1;
  ProactiveTaskProgressReported: ProactiveTaskProgressReportedV1;
  ProactiveTaskCompleted: ProactiveTaskCompletedV1;
  ProactiveTaskSentBack: ProactiveTaskSentBackV1;
  ProactiveTaskVerified: ProactiveTaskVerifiedV1;
  ProactiveTaskEffectMeasured: ProactiveTaskEffectMeasuredV1;
  ProactiveTaskPlanOverdue: ProactiveTaskPlanOverdueV1;
  ProactiveTaskDeadlineMissed: ProactiveTaskDeadlineMissedV1;
  ProactiveTaskVerificationOverdue: ProactiveTaskVerificationOverdueV1;
  ProactiveTaskCancelled: ProactiveTaskCancelledV1;
}
export type ProactiveTaskEventType = keyof ProactiveTaskEventPayloads;
/** One proactive-task event as the decider emits it: discriminated on `type`. */
export type ProactiveTaskEvent = {
  [K in ProactiveTaskEventType]: { type: K; payload: ProactiveTaskEventPayloads[K] };
}[ProactiveTaskEventType];
