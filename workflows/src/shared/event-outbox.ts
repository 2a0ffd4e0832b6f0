import type { AggregateType, EventEnvelope } from '@hotline/contracts';
import { condition } from '@temporalio/workflow';
import { EventRecorder } from './event-recorder';

/** What an outbox carries into a continued run (continue-as-new): its numbering and what is unpublished. */
export interface OutboxSnapshot {
  /** The last sequence number recorded. */
  sequence: number;
  /** The last sequence number published. */
  publishedSequence: number;
  /** Recorded, not yet published, in order: the continued run publishes them with the same ids. */
  pending: EventEnvelope[];
}

/**
 * The events of one aggregate on their way to the stream: recorded in order (deterministic id,
 * sequence, workflow time), published through an activity, in batches, in order, each batch once
 * (the next batch is taken only after the last one was published).
 */
export class EventOutbox {
  private readonly recorder: EventRecorder;
  private readonly pending: EventEnvelope[] = [];
  private publishedSequence = 0;

  constructor(
    aggregateType: AggregateType,
    aggregateId: string,
    private readonly publish: (events: EventEnvelope[]) => Promise<void>,
    carried?: OutboxSnapshot,
  ) {
    this.recorder = new EventRecorder(aggregateType, aggregateId, carried?.sequence ?? 0);
    if (carried) {
      this.pending.push(...carried.pending);
      this.publishedSequence = carried.publishedSequence;
    }
  }

  record(type: string, payload: Record<string, unknown>): EventEnvelope {
    const envelope = this.recorder.record(type, 1, payload);
    this.pending.push(envelope);
    return envelope;
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  get lastSequence(): number {
    return this.recorder.lastSequence;
  }

  /** Publishes everything recorded, in order (the main loop of histories recorded before). */
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

  /** Publishes the next batch (up to 50, in order); false if there was nothing to publish. */
  async publishNext(): Promise<boolean> {
    if (this.pending.length === 0) return false;
    const batch = this.pending.slice(0, 50);
    await this.publish(batch);
    this.pending.splice(0, batch.length);
    this.publishedSequence = batch[batch.length - 1]!.sequence;
    return true;
  }

  /** Resolves once every event recorded so far has been published. */
  async settled(): Promise<void> {
    const sequence = this.recorder.lastSequence;
    await condition(() => this.publishedSequence >= sequence);
  }

  snapshot(): OutboxSnapshot {
    return {
      sequence: this.recorder.lastSequence,
      publishedSequence: this.publishedSequence,
      pending: [...this.pending],
    };
  }
}
