import { ADMISSION_MISSING_ITEMS, ADMISSION_REFUSAL_REASONS } from '@hotline/domain';
import { z } from 'zod';

/**
 * Payloads of the duty-admission (准入) events, version 1. A district department applies to hand a
 * recurring task to streets or communities; the district's office reviews it against the published
 * list (准入事项清单) and admits it (the task joins the list), refuses it with reasons, or returns it
 * for more information (退回补正). Published on the governance topic (`aggregateType:
 * 'admission'`, the application id as aggregate id). No personal data: officials by post only.
 * Add fields (optional) or new versions; never change a published one.
 */

const isoTime = z.iso.datetime({ offset: true });
const text = z.string();

export const ADMISSION_LEVELS = ['street', 'community'] as const;
export const ADMISSION_LIST_KINDS = ['duty', 'assisting'] as const;
export const ADMISSION_STATUSES = [
  'under_review', // 审核中
  'returned', // 退回补正
  'admitted', // 准入
  'refused', // 不予准入
  'withdrawn', // 撤回
  'lapsed', // 逾期未补正，终止
] as const;
export type AdmissionStatus = (typeof ADMISSION_STATUSES)[number];

const finding = z.object({ kind: text, message: text, entryCode: text.optional() });

const applicationFields = {
  departmentId: text.min(1),
  taskName: text.min(1),
  description: text,
  level: z.enum(ADMISSION_LEVELS),
  list: z.enum(ADMISSION_LIST_KINDS),
  legalBasis: text,
  frequency: text,
  resources: text,
  funding: text,
  matchesEntryCode: text.optional(),
};

export const admissionAppliedV1 = z.object({
  applicationId: text.min(1),
  ...applicationFields,
  appliedBy: text,
  /** The automatic pre-check against the list, shown to the reviewer. */
  findings: z.array(finding),
  reviewBy: isoTime,
});
export const admissionReturnedV1 = z.object({
  missing: z.array(z.enum(ADMISSION_MISSING_ITEMS)).min(1),
  note: text,
  decidedBy: text,
  returnCount: z.number().int().positive(),
  resubmitBy: isoTime,
});
export const admissionResubmittedV1 = z.object({
  ...applicationFields,
  resubmittedBy: text,
  findings: z.array(finding),
  reviewBy: isoTime,
});
export const admissionAdmittedV1 = z.object({
  /** The task's code on the list from now on. */
  entryCode: text.min(1),
  taskName: text,
  level: z.enum(ADMISSION_LEVELS),
  list: z.enum(ADMISSION_LIST_KINDS),
  departmentId: text,
  legalBasis: text,
  frequency: text,
  /** The Beijing day it joins the list. */
  admittedOn: z.iso.date(),
  note: text,
  decidedBy: text,
});
export const admissionRefusedV1 = z.object({
  reasons: z.array(z.enum(ADMISSION_REFUSAL_REASONS)).min(1),
  note: text,
  decidedBy: text,
});
export const admissionWithdrawnV1 = z.object({ note: text, withdrawnBy: text });
/** The office let the review limit pass: on the record, and the centre is told (督办). */
export const admissionReviewOverdueV1 = z.object({ reviewBy: isoTime });
/** A returned application not resubmitted in time ends. */
export const admissionLapsedV1 = z.object({ resubmitBy: isoTime });

export type AdmissionAppliedV1 = z.infer<typeof admissionAppliedV1>;
export type AdmissionReturnedV1 = z.infer<typeof admissionReturnedV1>;
export type AdmissionResubmittedV1 = z.infer<typeof admissionResubmittedV1>;
export type AdmissionAdmittedV1 = z.infer<typeof admissionAdmittedV1>;
export type AdmissionRefusedV1 = z.infer<typeof admissionRefusedV1>;
export type AdmissionWithdrawnV1 = z.infer<typeof admissionWithdrawnV1>;
export type AdmissionReviewOverdueV1 = z.infer<typeof admissionReviewOverdueV1>;
export type AdmissionLapsedV1 = z.infer<typeof admissionLapsedV1>;

export const ADMISSION_EVENT_SCHEMAS = {
  AdmissionApplied: { 1: admissionAppliedV1 },
  AdmissionReturned: { 1: admissionReturnedV1 },
  AdmissionResubmitted: { 1: admissionResubmittedV1 },
  AdmissionAdmitted: { 1: admissionAdmittedV1 },
  AdmissionRefused: { 1: admissionRefusedV1 },
  AdmissionWithdrawn: { 1: admissionWithdrawnV1 },
  AdmissionReviewOverdue: { 1: admissionReviewOverdueV1 },
  AdmissionLapsed: { 1: admissionLapsedV1 },
} as const;

export interface AdmissionEventPayloads {
  AdmissionApplied: AdmissionAppliedV1;
  AdmissionReturned: AdmissionReturnedV1;
  AdmissionResubmitted: AdmissionResubmittedV1;
  AdmissionAdmitted: AdmissionAdmittedV1;
  AdmissionRefused: AdmissionRefusedV1;
  AdmissionWithdrawn: AdmissionWithdrawnV1;
  AdmissionReviewOverdue: AdmissionReviewOverdueV1;
  AdmissionLapsed: AdmissionLapsedV1;
}
export type AdmissionEventType = keyof AdmissionEventPayloads;
/** One admission event as a decider emits it: discriminated on `type`. */
export type AdmissionEvent = {
  [K in AdmissionEventType]: { type: K; payload: AdmissionEventPayloads[K] };
}[AdmissionEventType];
