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

  @Column({ name: 'caller_key', type: 'text', nullable: true })
  callerKey!: string | null;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ name: 'matter_type_code', type: 'text', nullable: true })
  matterTypeCode!: string | null;

  @Column({ name: 'street_id', type: 'text', nullable: true })
  streetId!: string | null;

  @Column({ name: 'community_id', type: 'text', nullable: true })
  communityId!: string | null;

  @Column({ name: 'grid_id', type: 'text', nullable: true })
  gridId!: string | null;

  /** accept, rejected, merged or answered_directly: what the filter (or the operator) decided. */
  @Column({ name: 'screening_outcome', type: 'text', nullable: true })
  screeningOutcome!: string | null;

  @Column({ name: 'screening_reason', type: 'text', nullable: true })
  screeningReason!: string | null;

  /**
   * The workflow input this intake decided (screening included): a retry with the same key
   * starts exactly this. Null for orders taken in before it was kept.
   */
  @Column({ name: 'workflow_input', type: 'jsonb', nullable: true })
  workflowInput!: unknown;

  /**
   * When the workflow was seen started (or found already there); null while the starter has yet
   * to start it — after an API crash or during a Temporal outage the next sweep starts it.
   */
  @Column({ name: 'workflow_started_at', type: 'timestamptz', nullable: true })
  workflowStartedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
