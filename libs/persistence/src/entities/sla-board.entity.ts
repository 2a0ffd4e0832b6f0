import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model: the centre's supervision board — every open order, its next limit, breaches, 督办. */
@Entity({ name: 'sla_board' })
export class SlaBoardEntity {
  @PrimaryColumn({ name: 'order_id', type: 'text' })
  orderId!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  urgency!: string;

  @Column({ name: 'lead_unit_id', type: 'text', nullable: true })
  leadUnitId!: string | null;

  @Column({ name: 'street_id', type: 'text', nullable: true })
  streetId!: string | null;

  @Column({ name: 'matter_type_code', type: 'text', nullable: true })
  matterTypeCode!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'due_kind', type: 'text', nullable: true })
  dueKind!: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'text', array: true })
  breaches!: string[];

  @Column({ name: 'first_breached_at', type: 'timestamptz', nullable: true })
  firstBreachedAt!: Date | null;

  @Column({ name: 'urge_count', type: 'integer' })
  urgeCount!: number;

  @Column({ name: 'last_urged_at', type: 'timestamptz', nullable: true })
  lastUrgedAt!: Date | null;

  @Column({ name: 'escalation_count', type: 'integer' })
  escalationCount!: number;

  @Column({ name: 'last_escalated_at', type: 'timestamptz', nullable: true })
  lastEscalatedAt!: Date | null;

  @Column({ name: 'last_escalation_note', type: 'text', nullable: true })
  lastEscalationNote!: string | null;
}
