import { type z } from 'zod';
import { type EventEnvelope, eventEnvelopeSchema } from './envelope';
import { ADMISSION_EVENT_SCHEMAS } from './admission-events';
import { DEPUTY_EVENT_SCHEMAS } from './deputy-events';
import { ORDER_EVENT_SCHEMAS } from './order-events';
import { PROACTIVE_EVENT_SCHEMAS } from './proactive-events';
import { PROACTIVE_TASK_EVENT_SCHEMAS } from './proactive-task-events';
import { WHISTLE_EVENT_SCHEMAS } from './whistle-events';

const SCHEMAS: Record<string, Record<number, z.ZodType>> = {
  ...ORDER_EVENT_SCHEMAS,
  ...PROACTIVE_EVENT_SCHEMAS,
  ...WHISTLE_EVENT_SCHEMAS,
  ...ADMISSION_EVENT_SCHEMAS,
  ...DEPUTY_EVENT_SCHEMAS,
  ...PROACTIVE_TASK_EVENT_SCHEMAS,
};

export type EventValidation = { ok: true; event: EventEnvelope } | { ok: false; reason: string };

/** Validates an incoming event: the envelope, then the payload against its type and version. */
export function validateEvent(raw: unknown): EventValidation {
  const envelope = eventEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, reason: `envelope: ${describe(envelope.error)}` };
  const { type, schemaVersion, payload } = envelope.data;
  const schema = SCHEMAS[type]?.[schemaVersion];
  if (!schema) return { ok: false, reason: `unknown event type ${type} v${schemaVersion}` };
  const parsed = schema.safeParse(payload);
  if (!parsed.success)
    return { ok: false, reason: `${type} v${schemaVersion} payload: ${describe(parsed.error)}` };
  return { ok: true, event: { ...envelope.data, payload: parsed.data as Record<string, unknown> } };
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}
