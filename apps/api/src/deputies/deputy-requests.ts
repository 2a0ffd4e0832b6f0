import { ORDER_CATEGORIES, RESOLUTION_OUTCOMES, URGENCIES } from '@hotline/contracts';
import { DEPUTY_ITEM_KINDS, DEPUTY_RATINGS, RESIDENT_FEEDBACK_CHANNELS } from '@hotline/domain';
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

/** What a deputy records at the station (代表接待登记). */
export const deputyItemSchema = z.object({
  kind: z.enum(DEPUTY_ITEM_KINDS).describe('opinion 意见 / suggestion 建议'),
  content: text(4000).describe('居民反映的意见或建议，用居民自己的话'),
  address: z.string().trim().min(2).max(500).optional().describe('涉及的地点'),
  communityId: z.string().trim().max(64).optional().describe('涉及的社区（村），默认站点所在社区'),
  matterTypeCode: z.string().trim().max(64).optional().describe('事项类型（职责清单编号）'),
  resident: z
    .object({
      name: z.string().trim().min(1).max(100).optional(),
      phone: z
        .string()
        .regex(/^\+?[0-9-]{5,20}$/, '电话号码应为 5–20 位数字')
        .optional(),
    })
    .optional()
    .describe('居民的姓名和电话（加密保存，不进入事件）；不留则只能在站点公示结果'),
});
export type DeputyItemRequest = z.infer<typeof deputyItemSchema>;

/** Hand over: as a 12345 order, or as a proposal to a unit with a due date (交办). */
export const deputyHandOverSchema = z.discriminatedUnion('route', [
  z.object({
    route: z.literal('order'),
    category: z.enum(ORDER_CATEGORIES).default('suggestion'),
    urgency: z.enum(URGENCIES).default('normal'),
    matterTypeCode: z.string().trim().max(64).optional(),
    note: text(2000),
  }),
  z.object({
    route: z.literal('proposal'),
    unitId: z.string().trim().min(1).max(64).describe('承办单位'),
    dueAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('交办期限；不填按默认时限（15个工作日）'),
    note: text(2000),
  }),
]);
export type DeputyHandOverRequest = z.infer<typeof deputyHandOverSchema>;

export const deputyAnswerSchema = z.object({
  outcome: z
    .enum(RESOLUTION_OUTCOMES)
    .describe('solved 已解决 / partly_solved 部分解决 / unsolvable 无法解决（须说明）'),
  summary: text(4000).describe('办理情况'),
});
export const deputyRateSchema = z.object({
  rating: z.enum(DEPUTY_RATINGS).describe('满意 / 基本满意 / 不满意'),
  comment: z.string().trim().max(2000).default(''),
});
export const deputyReportBackSchema = z.object({
  resident: z.enum(RESIDENT_FEEDBACK_CHANNELS).describe('如何告知居民'),
  note: text(2000),
});

export const deputyItemsQuery = z.object({
  stationId: z.string().trim().max(64).optional(),
  status: z.string().trim().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const DEPUTY_ITEM_ID = /^DB-\d{8}-[0-9A-F]{6}$/;
