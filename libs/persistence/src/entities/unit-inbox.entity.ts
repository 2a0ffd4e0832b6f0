import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model: a unit's open orders (as lead 主办 or assisting 协办) with what is due next. */
@Entity({ name: 'unit_inbox' })
export class UnitInboxEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @PrimaryColumn({ name: 'order_id', type: 'text' })
  orderId!: string;

  /** lead or assisting. */
  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  urgency!: string;

  @Column({ type: 'text' })
  category!: string;

  @Column({ name: 'matter_type_code', type: 'text', nullable: true })
  matterTypeCode!: string | null;

  @Column({ name: 'street_id', type: 'text', nullable: true })
  streetId!: string | null;

  @Column({ name: 'community_id', type: 'text', nullable: true })
  communityId!: string | null;

  @Column({ type: 'text' })
  address!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  /** What the unit must do next: acknowledge, respond, resolve, assist, await_callback… */
  @Column({ name: 'next_action', type: 'text' })
  nextAction!: string;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'handle_by', type: 'timestamptz', nullable: true })
  handleBy!: Date | null;

  @Column({ type: 'text', array: true })
  breaches!: string[];

  @Column({ name: 'escalation_count', type: 'integer' })
  escalationCount!: number;
}
