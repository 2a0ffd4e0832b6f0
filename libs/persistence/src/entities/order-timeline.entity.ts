import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model: one row per order event, in sequence — the order's history as people read it. */
@Entity({ name: 'order_timeline' })
export class OrderTimelineEntity {
  @PrimaryColumn({ name: 'order_id', type: 'text' })
  orderId!: string;

  @PrimaryColumn({ type: 'integer' })
  sequence!: number;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** The unit that acted or is concerned, when the event names one. */
  @Column({ name: 'unit_id', type: 'text', nullable: true })
  unitId!: string | null;

  /** One readable line (Chinese terms kept), e.g. "签收 by CGZF (in time)". */
  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;
}
