import type { AggregateType, EventEnvelope } from '@hotline/contracts';
import { condition } from '@temporalio/workflow';
import { EventRecorder } from './event-recorder';

/**
 * The events of one aggregate on their way to the stream: recorded in order (deterministic id,
 * sequence, workflow time), published by the workflow's main loop through an activity, in
 * batches, in order. An action answers once `settled()`: what its caller reads next includes it.
 */
export class EventOutbox {
  private readonly recorder: EventRecorder;
  private readonly pending: EventEnvelope[] = [];
  private publishedSequence = 0;

  constructor(
    aggregateType: AggregateType,
    aggregateId: string,
    private readonly publish: (events: EventEnvelope[]) => Promise<void>,
  ) {
    this.recorder = new EventRecorder(aggregateType, aggregateId);
  }

  record(type: string, payload: Record<string, unknown>): EventEnvelope {
    const envelope = this.recorder.record(type, 1, payload);
    this.pending.push(envelope);
    return envelope;
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Publishes everything recorded, in order (called from the main loop only). */
  async flush(): Promise<void> {
    let last = this.publishedSequence;
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, 50);
      await this.publish(batch);
      this.pending.splice(0, batch.length);
      last = batch[batch.length - 1]!.sequence;
    }
    this.publishedSequence = last;
  }

  /** Resolves once every event recorded so far has been published. */
  async settled(): Promise<void> {
    const sequence = this.recorder.lastSequence;
    await condition(() => this.publishedSequence >= sequence);
  }
}
