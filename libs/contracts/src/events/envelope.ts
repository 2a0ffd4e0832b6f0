import { z } from 'zod';

/**
 * The one envelope every domain event travels in, on Kafka and in the read models.
 * Versioned contract: fields are only ever added, never renamed or removed.
 */
export const AGGREGATE_TYPES = [
  'order',
  'whistle',
  'hotspot',
  'admission',
  'deputy_item',
  'proactive_task',
] as const;
export type AggregateType = (typeof AGGREGATE_TYPES)[number];

export const eventEnvelopeSchema = z.object({
  /** Unique per event; derived deterministically in the workflow, so a retried publish repeats it. */
  eventId: z.string().min(1),
  aggregateType: z.enum(AGGREGATE_TYPES),
  /** The order number or whistle id: also the Kafka message key, so one aggregate stays in order. */
  aggregateId: z.string().min(1),
  /** 1, 2, 3… per aggregate, without gaps: projections use it to skip what they have applied. */
  sequence: z.number().int().positive(),
  type: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  /** When it happened, in workflow time (ISO-8601, UTC). */
  occurredAt: z.iso.datetime({ offset: true }),
  payload: z.record(z.string(), z.unknown()),
  metadata: z
    .object({
      workflowId: z.string().optional(),
      runId: z.string().optional(),
      correlationId: z.string().optional(),
    })
    .optional(),
});

export type EventEnvelope<TPayload = Record<string, unknown>> = Omit<
  z.infer<typeof eventEnvelopeSchema>,
  'payload'
> & { payload: TPayload };
