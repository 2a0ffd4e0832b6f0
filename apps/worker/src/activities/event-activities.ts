import { type EventPublisher } from '@hotline/messaging';
import type { EventActivities } from '@hotline/workflows';

/** Builds the activities object the worker registers (Temporal's dependency-injection pattern). */
export function createEventActivities(
  publisher: EventPublisher,
  log: (line: string) => void = () => {},
): EventActivities {
  return {
    async publishEvents(events) {
      // An event that breaks its contract would fail every retry and its order would never move
      // again: it goes to the dead-letter topic with the reason instead, and the order carries on
      // (its consumers see a sequence gap that the dead letter explains).
      const outcome = await publisher.publish(events, { onInvalid: 'dead-letter' });
      for (const { event, reason } of outcome.deadLettered)
        log(
          `dead-lettered ${event.type} ${event.aggregateId}#${event.sequence} (${event.eventId}): ${reason}`,
        );
    },
  };
}
