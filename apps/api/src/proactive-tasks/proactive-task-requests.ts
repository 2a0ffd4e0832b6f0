import { PROACTIVE_TASK_STATUSES } from '@hotline/contracts';
import { z } from 'zod';
import { monthField } from '../common/month-field';

const text = (max: number) => z.string().trim().min(1).max(max);
const unitId = z.string().trim().min(1).max(64);

/**
 * The centre starts a proactive task (未诉先办) from a hotspot, or from a monthly topic (每月一题)
 * it accepts among the month's candidates; it names the owner and the deadline.
 */
export const startProactiveTaskSchema = z.object({
  source: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('hotspot'),
      hotspotId: text(200).describe('热点编号，如 CG-003|XHJD-01|2026-11-23'),
    }),
    z.object({
      kind: z.literal('monthly_topic'),
      month: monthField.describe('月份'),
      matterTypeCode: text(32).describe('当月候选题目中的事项'),
      streetId: unitId.optional().describe('只治理一个街道时填写'),
    }),
  ]),
  ownerUnitId: unitId
    .optional()
    .describe('承办单位（街道或部门）；热点默认其所在街道，每月一题须指定'),
  title: text(200).optional().describe('任务名称；默认由事项和地点生成'),
  description: z.string().trim().max(4000).default(''),
  dueBy: z.iso.datetime({ offset: true }).describe('完成期限'),
  admissionEntryCode: z.string().trim().max(64).optional().describe('依据的准入事项编号'),
});
export type StartProactiveTaskRequest = z.infer<typeof startProactiveTaskSchema>;

export const submitPlanSchema = z.object({
  plan: text(4000).describe('整改方案'),
  measures: z.array(text(500)).min(1).max(20).describe('具体措施'),
});
export const reportTaskProgressSchema = z.object({
  note: text(2000),
  percent: z.number().int().min(0).max(100).describe('完成进度（%）'),
});
export const completeTaskSchema = z.object({ summary: text(4000).describe('完成情况') });
export const verifyTaskSchema = z.object({
  decision: z.enum(['accept', 'send_back']).describe('accept 核验通过 / send_back 退回整改'),
  note: z.string().trim().max(2000).default(''),
});
export const cancelTaskSchema = z.object({ reason: text(2000) });

export const proactiveTasksQuery = z.object({
  owner: unitId.optional().describe('承办单位'),
  status: z.enum(PROACTIVE_TASK_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const TASK_ID = /^ZD-\d{8}-[0-9A-F]{6}$/;
