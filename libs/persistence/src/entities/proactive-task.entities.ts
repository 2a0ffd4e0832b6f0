import { Column, Entity, PrimaryColumn } from 'typeorm';

const at = (name: string) => ({ name, type: 'timestamptz' as const, nullable: true });
const text = (name: string) => ({ name, type: 'text' as const, nullable: true });

/** Read model: one row per proactive task (未诉先办, 每月一题) and where it stands. */
@Entity({ name: 'proactive_task' })
export class ProactiveTaskEntity {
  @PrimaryColumn({ name: 'task_id', type: 'text' }) taskId!: string;
  /** hotspot or monthly_topic. */
  @Column({ name: 'source_kind', type: 'text' }) sourceKind!: string;
  @Column(text('hotspot_id')) hotspotId!: string | null;
  @Column(text('topic_month')) topicMonth!: string | null;
  @Column({ name: 'source_order_ids', type: 'text', array: true }) sourceOrderIds!: string[];
  @Column({ name: 'matter_type_code', type: 'text' }) matterTypeCode!: string;
  @Column(text('street_id')) streetId!: string | null;
  @Column(text('community_id')) communityId!: string | null;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'owner_unit_id', type: 'text' }) ownerUnitId!: string;
  /** planning, in_progress, verifying, measuring, closed, cancelled. */
  @Column({ type: 'text' }) status!: string;
  /** Flagged at dispatch: the task is off the owner's lists (清单外事项). */
  @Column({ name: 'off_list', type: 'boolean' }) offList!: boolean;
  @Column({ name: 'admission_reason', type: 'text' }) admissionReason!: string;
  @Column(text('plan')) plan!: string | null;
  @Column({ type: 'integer' }) percent!: number;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column(at('plan_by')) planBy!: Date | null;
  @Column({ name: 'due_by', type: 'timestamptz' }) dueBy!: Date;
  @Column(at('planned_at')) plannedAt!: Date | null;
  @Column(at('completed_at')) completedAt!: Date | null;
  @Column(at('verify_by')) verifyBy!: Date | null;
  @Column(at('verified_at')) verifiedAt!: Date | null;
  @Column({ name: 'send_back_count', type: 'integer' }) sendBackCount!: number;
  @Column({ name: 'plan_overdue', type: 'boolean' }) planOverdue!: boolean;
  @Column({ name: 'deadline_missed', type: 'boolean' }) deadlineMissed!: boolean;
  @Column({ name: 'verification_overdue', type: 'boolean' }) verificationOverdue!: boolean;
  @Column(at('measure_at')) measureAt!: Date | null;
  @Column({ name: 'before_orders', type: 'integer', nullable: true }) beforeOrders!: number | null;
  @Column({ name: 'after_orders', type: 'integer', nullable: true }) afterOrders!: number | null;
  @Column({ name: 'effect_change', type: 'double precision', nullable: true })
  effectChange!: number | null;
  /** effective, not_effective, insufficient_data. */
  @Column(text('verdict')) verdict!: string | null;
  @Column(text('effect_explanation')) effectExplanation!: string | null;
  @Column(at('closed_at')) closedAt!: Date | null;
  @Column({ name: 'last_sequence', type: 'integer' }) lastSequence!: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/**
 * Read model: work pushed to a street outside its lists (清单外事项), as detected at dispatch —
 * an order it was made to lead, a whistle it was summoned to, a proactive task it was made to own.
 * One row per unit and piece of work; counted per unit beside its list (the inspectors' "195 vs 46").
 */
@Entity({ name: 'off_list_work' })
export class OffListWorkEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'text' }) unitId!: string;
  /** order, whistle or proactive_task. */
  @PrimaryColumn({ name: 'work_kind', type: 'text' }) workKind!: string;
  @PrimaryColumn({ name: 'work_id', type: 'text' }) workId!: string;
  @Column(text('matter_type_code')) matterTypeCode!: string | null;
  /** street_only_assists, no_matter_type, unknown_matter, unknown_entry. */
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'text' }) explanation!: string;
  @Column({ name: 'detected_at', type: 'timestamptz' }) detectedAt!: Date;
}
