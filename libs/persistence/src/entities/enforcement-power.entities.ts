import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An order dispatched to a street's comprehensive enforcement team (综合执法队) under a devolved
 * power (执法职权清单), once per power and street. `current` marks the dispatch the order is
 * under now: a later dispatch elsewhere (a return, a manual dispatch to the department) clears
 * it, and only the current one counts the order's closure.
 */
@Entity({ name: 'enforcement_power_order' })
export class EnforcementPowerOrderEntity {
  @PrimaryColumn({ name: 'order_id', type: 'text' })
  orderId!: string;

  @PrimaryColumn({ name: 'power_id', type: 'text' })
  powerId!: string;

  /** The street whose team the order went to (the lead unit). */
  @PrimaryColumn({ name: 'street_id', type: 'text' })
  streetId!: string;

  @Column({ name: 'power_name', type: 'text' })
  powerName!: string;

  @Column({ name: 'district_id', type: 'text', nullable: true })
  districtId!: string | null;

  @Column({ name: 'dispatched_at', type: 'timestamptz' })
  dispatchedAt!: Date;

  @Column({ type: 'boolean' })
  current!: boolean;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}

const count = (name: string) => ({ name, type: 'integer' as const, default: 0 });

/**
 * Read model: how a devolved power is used in one street in one month (Beijing time) — orders
 * dispatched under it that month, and the orders closed that month counted as the monthly scores
 * (三率) count them, with on-time closures. Rates are worked out from the counts by libs/domain.
 */
@Entity({ name: 'enforcement_power_usage' })
export class EnforcementPowerUsageEntity {
  /** YYYY-MM */
  @PrimaryColumn({ type: 'text' })
  month!: string;

  @PrimaryColumn({ name: 'power_id', type: 'text' })
  powerId!: string;

  @PrimaryColumn({ name: 'street_id', type: 'text' })
  streetId!: string;

  @Column({ name: 'power_name', type: 'text' })
  powerName!: string;

  @Column({ name: 'district_id', type: 'text', nullable: true })
  districtId!: string | null;

  @Column(count('dispatched')) dispatched!: number;
  @Column(count('closed')) closed!: number;
  @Column(count('excluded')) excluded!: number;
  @Column(count('filtered')) filtered!: number;
  @Column(count('counted')) counted!: number;
  /** 按期办结: counted orders resolved within the handling limit. */
  @Column(count('closed_on_time')) closedOnTime!: number;
  @Column(count('responded_in_time')) respondedInTime!: number;
  @Column(count('callbacks_answered')) callbacksAnswered!: number;
  @Column(count('no_answer')) noAnswer!: number;
  @Column(count('solved')) solved!: number;
  @Column(count('satisfied')) satisfied!: number;
  @Column(count('basically_satisfied')) basicallySatisfied!: number;
  @Column(count('dissatisfied')) dissatisfied!: number;
}
