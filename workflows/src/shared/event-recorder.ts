import type { AggregateType, EventEnvelope } from '@hotline/contracts';
import { uuid4, workflowInfo } from '@temporalio/workflow';

/**
 * Numbers and stamps the events of one aggregate. Ids come from the workflow's deterministic
 * uuid4 and time from workflow time, so a replay or a retried activity yields the same event.
 */
export class EventRecorder {
  constructor(
    private readonly aggregateType: AggregateType,
    private readonly aggregateId: string,
    /** The last sequence number given: 0, or where a continued run (continue-as-new) carries on. */
    private sequence = 0,
  ) {}

  record<TPayload extends Record<string, unknown>>(
    type: string,
    schemaVersion: number,
    payload: TPayload,
  ): EventEnvelope<TPayload> {
    this.sequence += 1;
    const { workflowId, runId } = workflowInfo();
    return {
      eventId: uuid4(),
      aggregateType: this.aggregateType,
      aggregateId: this.aggregateId,
      sequence: this.sequence,
      type,
      schemaVersion,
      occurredAt: new Date().toISOString(),
      payload,
      metadata: { workflowId, runId },
    };
  }

  get lastSequence(): number {
    return this.sequence;
  }
}
