import { z } from 'zod';

/**
 * Events of proactive governance (未诉先办), emitted by the projector from what the order events
 * show, not by a workflow. Each is its own aggregate (`aggregateType: 'hotspot'`) with a
 * deterministic id, so re-detecting the same hotspot window yields the same event.
 */

const isoDate = z.iso.date();

/**
 * A hotspot window: at least `threshold` accepted orders of one matter type (事项) in one
 * community within the `windowDays` calendar days (Beijing time) ending on `windowEnd`.
 * Windows slide by one day: each day on which the group received an order is a window end.
 */
export const hotspotDetectedV1 = z.object({
  /** `<matterTypeCode>|<communityId>|<windowEnd>`: also the aggregate id. */
  hotspotId: z.string().min(1),
  matterTypeCode: z.string().min(1),
  communityId: z.string().min(1),
  streetId: z.string().optional(),
  windowStart: isoDate,
  windowEnd: isoDate,
  windowDays: z.number().int().positive(),
  threshold: z.number().int().positive(),
  /** The orders in the window when it was first detected; the read model keeps the full list. */
  orderIds: z.array(z.string().min(1)).min(1),
});
export type HotspotDetectedV1 = z.infer<typeof hotspotDetectedV1>;

/** Every proactive event type with its payload schema per version. Add versions; never edit one. */
export const PROACTIVE_EVENT_SCHEMAS = {
  HotspotDetected: { 1: hotspotDetectedV1 },
} as const;
