import type { EventEnvelope } from '@hotline/contracts';

/**
 * What the workflows ask of the outside world. The worker implements it (apps/worker);
 * workflows only see this interface, so dependencies point inward.
 */
export interface EventActivities {
  /** Publishes events to the event stream; idempotent for consumers by eventId and sequence. */
  publishEvents(events: EventEnvelope[]): Promise<void>;
}
