import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One closed order's outcome for its lead unit: the input of the monthly scores (三率). */
@Entity({ name: 'unit_score_record' })
export class UnitScoreRecordEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId!: string;

  /** YYYY-MM, the Beijing month the order closed in. */
  @PrimaryColumn({ type: 'text' })
  month!: string;

  @PrimaryColumn({ name: 'order_id', type: 'text' })
  orderId!: string;

  @Column({ name: 'closed_at', type: 'timestamptz' })
  closedAt!: Date;

  @Column({ type: 'text' })
  closure!: string;

  @Column({ name: 'responded_within_limit', type: 'boolean' })
  respondedWithinLimit!: boolean;

  @Column({ name: 'callback_answered', type: 'boolean' })
  callbackAnswered!: boolean;

  @Column({ name: 'callback_solved', type: 'boolean', nullable: true })
  callbackSolved!: boolean | null;

  @Column({ name: 'callback_satisfaction', type: 'text', nullable: true })
  callbackSatisfaction!: string | null;

  /** 剔除 / 不纳入考核, approved by the centre. */
  @Column({ type: 'boolean' })
  excluded!: boolean;

  /** Closed by review rather than handled (终止办理): out of the denominators like a filtered order. */
  @Column({ type: 'boolean' })
  filtered!: boolean;
}

const rate = (name: string) => ({ name, type: 'double precision' as const, nullable: true });
const count = (name: string) => ({ name, type: 'integer' as const });

/** Read model: a unit's scores for one month (三率 and composite), computed by libs/domain. */
@Entity({ name: 'unit_month_score' })
export class UnitMonthScoreEntity {
  @PrimaryColumn({ type: 'text' })
  month!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId!: string;

  /** streets, townships, departments or enterprises; null for a unit outside the reference data. */
  @Column({ name: 'ranking_group', type: 'text', nullable: true })
  rankingGroup!: string | null;

  @Column(count('closed')) closed!: number;
  @Column(count('excluded')) excluded!: number;
  @Column(count('filtered')) filtered!: number;
  @Column(count('counted')) counted!: number;
  @Column(count('responded_in_time')) respondedInTime!: number;
  @Column(count('callbacks_answered')) callbacksAnswered!: number;
  @Column(count('no_answer')) noAnswer!: number;
  @Column(count('solved')) solved!: number;
  @Column(count('satisfied')) satisfied!: number;
  @Column(count('basically_satisfied')) basicallySatisfied!: number;
  @Column(count('dissatisfied')) dissatisfied!: number;

  /** 响应率 */
  @Column(rate('response_rate')) responseRate!: number | null;
  /** 解决率 */
  @Column(rate('resolution_rate')) resolutionRate!: number | null;
  /** 满意率 */
  @Column(rate('satisfaction_rate')) satisfactionRate!: number | null;
  /** 0–100; null when no order counted (the unit is then not ranked). */
  @Column(rate('composite')) composite!: number | null;
}
