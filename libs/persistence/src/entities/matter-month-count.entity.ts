import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model: accepted orders per month, matter type and street — the input of 每月一题. */
@Entity({ name: 'matter_month_count' })
export class MatterMonthCountEntity {
  @PrimaryColumn({ type: 'text' })
  month!: string;

  @PrimaryColumn({ name: 'matter_type_code', type: 'text' })
  matterTypeCode!: string;

  /** '' when the order named no street. */
  @PrimaryColumn({ name: 'street_id', type: 'text' })
  streetId!: string;

  @Column({ type: 'integer' })
  orders!: number;
}
