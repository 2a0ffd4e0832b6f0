import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Idempotent whistle creation (吹哨): a street's idempotency key maps to one whistle, for ever. */
@Entity({ name: 'whistle_intake' })
export class WhistleIntakeEntity {
  @PrimaryColumn({ name: 'street_id', type: 'text' })
  streetId!: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  @Column({ name: 'whistle_id', type: 'text', unique: true })
  whistleId!: string;

  /** Hash of the request's content: the same key with different content is refused. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  /** The whistle workflow's input, started again as it is on a retry. */
  @Column({ name: 'workflow_input', type: 'jsonb' })
  workflowInput!: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
