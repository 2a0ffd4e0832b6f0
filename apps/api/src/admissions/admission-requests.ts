import { ADMISSION_LEVELS, ADMISSION_LIST_KINDS } from '@hotline/contracts';
import { ADMISSION_MISSING_ITEMS, ADMISSION_REFUSAL_REASONS } from '@hotline/domain';
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

/** What a department sends to apply (准入申请), or to resubmit after a return (补正). */
export const admissionApplicationSchema = z.object({
  taskName: text(200).describe('事项名称'),
  description: text(4000).describe('事项内容：要街道或社区做什么'),
  level: z.enum(ADMISSION_LEVELS).describe('交给街道（乡镇）还是社区（村）'),
  list: z.enum(ADMISSION_LIST_KINDS).describe('duty 职责清单 / assisting 协助行政事务清单'),
  legalBasis: z.string().trim().max(500).describe('法定依据'),
  frequency: text(100).describe('频次'),
  resources: z.string().trim().max(1000).describe('随事转移的人员、设备'),
  funding: z.string().trim().max(1000).describe('经费保障'),
  matchesEntryCode: z.string().trim().max(64).optional().describe('对应的清单事项编号'),
});
export type AdmissionApplicationRequest = z.infer<typeof admissionApplicationSchema>;

export const admissionReviewSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('admit'), note: text(2000) }),
  z.object({
    decision: z.literal('refuse'),
    reasons: z.array(z.enum(ADMISSION_REFUSAL_REASONS)).min(1),
    note: text(2000),
  }),
  z.object({
    decision: z.literal('return'),
    missing: z.array(z.enum(ADMISSION_MISSING_ITEMS)).min(1),
    note: text(2000),
  }),
]);
export type AdmissionReviewRequest = z.infer<typeof admissionReviewSchema>;

export const admissionWithdrawSchema = z.object({ note: text(2000) });

export const admissionListQuery = z.object({
  level: z.enum(ADMISSION_LEVELS).optional(),
  departmentId: z.string().trim().max(64).optional(),
});
export const admissionApplicationsQuery = z.object({
  departmentId: z.string().trim().max(64).optional(),
  status: z.string().trim().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const APPLICATION_ID = /^ZS-\d{8}-[0-9A-F]{6}$/;
