import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Idempotent intake (受理): one idempotency key maps to one order number, forever. */
@Entity({ name: 'order_intake' })
export class OrderIntakeEntity {
  @PrimaryColumn({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  @Column({ name: 'order_id', type: 'text', unique: true })
  orderId!: string;

  /** Hash of the request's content: the same key with different content is refused. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
