import { z } from 'zod';

/** Payloads of the order (工单) events. Personal data (caller name, phone) never appears here. */

export const orderLocationSchema = z.object({
  address: z.string(),
  streetId: z.string().optional(),
  communityId: z.string().optional(),
  gridId: z.string().optional(),
});

export const ORDER_CHANNELS = ['phone', 'web', 'app', 'wechat', 'open311'] as const;
/** 诉求类型: consultation 咨询, help 求助, complaint 投诉, report 举报, suggestion 建议, praise 表扬. */
export const ORDER_CATEGORIES = [
  'consultation',
  'help',
  'complaint',
  'report',
  'suggestion',
  'praise',
] as const;
export const URGENCIES = ['emergency', 'urgent', 'normal'] as const;

export const orderReceivedV1 = z.object({
  orderId: z.string(),
  channel: z.enum(ORDER_CHANNELS),
  category: z.enum(ORDER_CATEGORIES),
  content: z.string(),
  matterTypeCode: z.string().optional(),
  urgency: z.enum(URGENCIES),
  location: orderLocationSchema,
  receivedAt: z.iso.datetime({ offset: true }),
});
export type OrderReceivedV1 = z.infer<typeof orderReceivedV1>;

/** Every order event type with its payload schema per version. Add versions; never edit one. */
export const ORDER_EVENT_SCHEMAS = {
  OrderReceived: { 1: orderReceivedV1 },
} as const;

export type OrderEventType = keyof typeof ORDER_EVENT_SCHEMAS;
