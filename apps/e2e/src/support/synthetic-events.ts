import { type EventEnvelope } from '@hotline/contracts';
import { randomUUID } from 'node:crypto';

/**
 * Hand-made events of an order no workflow runs: for what the real stack cannot show quickly
 * (a breached limit is hours away) or must never produce (gaps, poison). Valid against the
 * contracts, numbered like a workflow numbers them.
 */
export class SyntheticOrder {
  private sequence = 0;

  constructor(readonly orderId = `SYN-${randomUUID().slice(0, 8)}`) {}

  next(type: string, payload: Record<string, unknown>, occurredAt = new Date()): EventEnvelope {
    this.sequence += 1;
    return this.at(this.sequence, type, payload, occurredAt);
  }

  /** An event with a chosen sequence (to make a gap); does not move the counter. */
  at(sequence: number, type: string, payload: Record<string, unknown>, occurredAt = new Date()) {
    return {
      eventId: randomUUID(),
      aggregateType: 'order' as const,
      aggregateId: this.orderId,
      sequence,
      type,
      schemaVersion: 1,
      occurredAt: occurredAt.toISOString(),
      payload,
    };
  }

  received(overrides: Record<string, unknown> = {}) {
    return this.next('OrderReceived', {
      orderId: this.orderId,
      channel: 'phone',
      category: 'complaint',
      content: '合成工单：小区门口垃圾无人清运',
      matterTypeCode: 'CG-003',
      urgency: 'normal',
      location: { address: '星湖西里5号楼', streetId: 'XHJD', communityId: 'XHJD-03' },
      receivedAt: new Date().toISOString(),
      ...overrides,
    });
  }

  dispatched(acknowledgeBy: Date, leadUnitId = 'CGZF') {
    return this.next('OrderDispatched', {
      leadUnitId,
      assistingUnitIds: ['XHJD'],
      supervisingUnitIds: ['ZHZX'],
      attempt: 1,
      rule: 'synthetic',
      dispatchedBy: 'rules',
      matterTypeCode: 'CG-003',
      streetId: 'XHJD',
      deadlines: { acknowledgeBy: acknowledgeBy.toISOString() },
    });
  }
}
