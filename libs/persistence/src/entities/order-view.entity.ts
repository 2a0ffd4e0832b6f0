import { Column, Entity, PrimaryColumn } from 'typeorm';

const at = (name: string) => ({ name, type: 'timestamptz' as const, nullable: true });
const text = (name: string) => ({ name, type: 'text' as const, nullable: true });

/**
 * Read model: one row per order, as the projector last saw it — status, lead unit, deadlines,
 * what is due next, breaches and escalations, the outcome and callback. No personal data.
 */
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

  @Column(text('community_id')) communityId!: string | null;
  @Column(text('grid_id')) gridId!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** Highest event sequence applied to this row. */
  @Column({ name: 'last_sequence', type: 'integer' })
  lastSequence!: number;

  // 派单: who handles it.
  @Column(text('lead_unit_id')) leadUnitId!: string | null;
  @Column({ name: 'assisting_unit_ids', type: 'text', array: true }) assistingUnitIds!: string[];
  @Column({ name: 'supervising_unit_ids', type: 'text', array: true })
  supervisingUnitIds!: string[];
  @Column({ name: 'dispatch_attempt', type: 'integer' }) dispatchAttempt!: number;
  // 三级: the order's district (null for older orders: their street places them), who took the
  // call (city | district; null: the district deployment's centre), the lead's level.
  @Column(text('district_id')) districtId!: string | null;
  @Column(text('taken_by_level')) takenByLevel!: string | null;
  @Column(text('lead_level')) leadLevel!: string | null;
  /** Dispatches sent down to a street by a district or city unit, and those flagged (自上而下派回街道). */
  @Column({ name: 'push_downs', type: 'integer', default: 0 }) pushDowns!: number;
  @Column({ name: 'push_downs_flagged', type: 'integer', default: 0 }) pushDownsFlagged!: number;
  @Column(at('dispatched_at')) dispatchedAt!: Date | null;

  // 过滤网: why it never reached a unit.
  @Column(text('filter_outcome')) filterOutcome!: string | null;
  @Column(text('filter_reason')) filterReason!: string | null;
  @Column(text('merged_into_order_id')) mergedIntoOrderId!: string | null;

  // The current limits, and the next one that matters.
  @Column(at('dispatch_by')) dispatchBy!: Date | null;
  @Column(at('acknowledge_by')) acknowledgeBy!: Date | null;
  @Column(at('return_by')) returnBy!: Date | null;
  @Column(at('respond_by')) respondBy!: Date | null;
  @Column(at('handle_by')) handleBy!: Date | null;
  @Column(at('callback_due_at')) callbackDueAt!: Date | null;
  @Column(text('next_due_kind')) nextDueKind!: string | null;
  @Column(at('next_due_at')) nextDueAt!: Date | null;

  // Handling.
  @Column(at('acknowledged_at')) acknowledgedAt!: Date | null;
  @Column(at('responded_at')) respondedAt!: Date | null;
  @Column({ name: 'responded_within_limit', type: 'boolean', nullable: true })
  respondedWithinLimit!: boolean | null;
  @Column(at('resolved_at')) resolvedAt!: Date | null;
  @Column({ name: 'resolved_within_limit', type: 'boolean', nullable: true })
  resolvedWithinLimit!: boolean | null;
  @Column(text('resolution_outcome')) resolutionOutcome!: string | null;

  // 回访, 重办, 退单, 延期, 剔除.
  @Column({ name: 'callback_attempts', type: 'integer' }) callbackAttempts!: number;
  @Column({ name: 'callback_answered', type: 'boolean', nullable: true })
  callbackAnswered!: boolean | null;
  @Column({ name: 'callback_solved', type: 'boolean', nullable: true })
  callbackSolved!: boolean | null;
  @Column(text('callback_satisfaction')) callbackSatisfaction!: string | null;
  @Column({ name: 'rework_rounds', type: 'integer' }) reworkRounds!: number;
  @Column({ name: 'return_count', type: 'integer' }) returnCount!: number;
  @Column(text('extension_status')) extensionStatus!: string | null;
  @Column(text('exclusion_status')) exclusionStatus!: string | null;

  // Supervision: breaches, 催办 and 督办.
  @Column({ type: 'text', array: true }) breaches!: string[];
  @Column(at('first_breached_at')) firstBreachedAt!: Date | null;
  @Column({ name: 'reminder_count', type: 'integer' }) reminderCount!: number;
  @Column({ name: 'urge_count', type: 'integer' }) urgeCount!: number;
  @Column(at('last_urged_at')) lastUrgedAt!: Date | null;
  @Column({ name: 'escalation_count', type: 'integer' }) escalationCount!: number;
  @Column(at('last_escalated_at')) lastEscalatedAt!: Date | null;
  @Column(text('last_escalation_note')) lastEscalationNote!: string | null;

  @Column(text('closure')) closure!: string | null;
  @Column(at('closed_at')) closedAt!: Date | null;
}
