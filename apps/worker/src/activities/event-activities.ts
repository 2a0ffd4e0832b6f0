import { type EventPublisher } from '@hotline/messaging';
import type { EventActivities } from '@hotline/workflows';

/** Builds the activities object the worker registers (Temporal's dependency-injection pattern). */
export function createEventActivities(publisher: EventPublisher): EventActivities {
  return {
    async publishEvents(events) {
      await publisher.publish(events);
    },
  };
}
