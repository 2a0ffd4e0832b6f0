import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model: one row per order, as the projector last saw it. */
@Entity({ name: 'order_view' })
export class OrderViewEntity {
  @PrimaryColumn({ name: 'order_id', type: 'text' })
  orderId!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'text' })
  urgency!: string;

  @Column({ name: 'matter_type_code', type: 'text', nullable: true })
  matterTypeCode!: string | null;

  @Column({ type: 'text' })
  address!: string;

  @Column({ name: 'street_id', type: 'text', nullable: true })
  streetId!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** Highest event sequence applied: an event at or below it is a redelivery and changes nothing. */
  @Column({ name: 'last_sequence', type: 'integer' })
  lastSequence!: number;
}
