import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

const at = (name: string) => ({ name, type: 'timestamptz' as const, nullable: true });
const count = (name: string) => ({ name, type: 'integer' as const });

/** Read model: one row per item a deputy recorded at a station (家站点) and where it stands. */
@Entity({ name: 'deputy_item' })
export class DeputyItemEntity {
  @PrimaryColumn({ name: 'item_id', type: 'text' }) itemId!: string;
  @Column({ name: 'station_id', type: 'text' }) stationId!: string;
  /** home (代表之家), station (联络站), contact_point (联系点). */
  @Column({ name: 'station_kind', type: 'text' }) stationKind!: string;
  @Column({ name: 'street_id', type: 'text' }) streetId!: string;
  @Column({ name: 'deputy_id', type: 'text' }) deputyId!: string;
  /** opinion or suggestion. */
  @Column({ type: 'text' }) kind!: string;
  /** Personal data masked. */
  @Column({ type: 'text' }) content!: string;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  @Column({ name: 'community_id', type: 'text', nullable: true }) communityId!: string | null;
  @Column({ name: 'matter_type_code', type: 'text', nullable: true }) matterTypeCode!:
    string | null;
  @Column({ name: 'resident_reachable', type: 'boolean' }) residentReachable!: boolean;
  /** recorded, handed_over, answered, rated, closed. */
  @Column({ type: 'text' }) status!: string;
  /** order or proposal, once handed over. */
  @Column({ type: 'text', nullable: true }) route!: string | null;
  @Column({ name: 'order_id', type: 'text', nullable: true }) orderId!: string | null;
  @Column({ name: 'unit_id', type: 'text', nullable: true }) unitId!: string | null;
  @Column(at('hand_over_by')) handOverBy!: Date | null;
  @Column(at('handed_over_at')) handedOverAt!: Date | null;
  @Column(at('due_at')) dueAt!: Date | null;
  @Column(at('answered_at')) answeredAt!: Date | null;
  @Column({ name: 'answer_outcome', type: 'text', nullable: true }) answerOutcome!: string | null;
  @Column({ name: 'answer_summary', type: 'text', nullable: true }) answerSummary!: string | null;
  @Column({ name: 'answered_on_time', type: 'boolean', nullable: true })
  answeredOnTime!: boolean | null;
  @Column(at('rate_by')) rateBy!: Date | null;
  @Column({ type: 'text', nullable: true }) rating!: string | null;
  @Column({ name: 'rating_comment', type: 'text', nullable: true }) ratingComment!: string | null;
  @Column({ name: 'rating_lapsed', type: 'boolean' }) ratingLapsed!: boolean;
  @Column(at('report_back_by')) reportBackBy!: Date | null;
  @Column(at('reported_back_at')) reportedBackAt!: Date | null;
  /** How the resident was told: phone, visit, letter, not_reachable, anonymous. */
  @Column({ name: 'resident_feedback', type: 'text', nullable: true })
  residentFeedback!: string | null;
  @Column({ name: 'reported_on_time', type: 'boolean', nullable: true })
  reportedOnTime!: boolean | null;
  @Column(count('reminders')) reminders!: number;
  /** The limits missed (hand_over, answer, report_back), each once. */
  @Column({ name: 'overdue_phases', type: 'text', array: true }) overduePhases!: string[];
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ name: 'last_sequence', type: 'integer' }) lastSequence!: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** Read model: a station's record (履职台账) — received, handed over, answered, rated, reported back. */
@Entity({ name: 'deputy_station_record' })
export class DeputyStationRecordEntity {
  @PrimaryColumn({ name: 'station_id', type: 'text' }) stationId!: string;
  @Column(count('received')) received!: number;
  @Column(count('handed_over')) handedOver!: number;
  @Column(count('as_orders')) asOrders!: number;
  @Column(count('as_proposals')) asProposals!: number;
  @Column(count('answered')) answered!: number;
  @Column(count('answered_on_time')) answeredOnTime!: number;
  @Column(count('rated')) rated!: number;
  @Column(count('satisfied')) satisfied!: number;
  @Column(count('basically_satisfied')) basicallySatisfied!: number;
  @Column(count('dissatisfied')) dissatisfied!: number;
  @Column(count('rating_lapsed')) ratingLapsed!: number;
  @Column(count('reported_back')) reportedBack!: number;
  @Column(count('reported_on_time')) reportedOnTime!: number;
  @Column(count('overdue')) overdue!: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/**
 * The resident's (居民) name and phone a deputy recorded with an item: stored once, encrypted at
 * rest, never in events; `phoneMasked` is safe to show. Owned by the API (not a read model).
 */
@Entity({ name: 'deputy_resident_contact' })
export class DeputyResidentContactEntity {
  @PrimaryColumn({ name: 'item_id', type: 'text' }) itemId!: string;
  @Column({ name: 'name_encrypted', type: 'text', nullable: true }) nameEncrypted!: string | null;
  @Column({ name: 'phone_encrypted', type: 'text', nullable: true }) phoneEncrypted!: string | null;
  @Column({ name: 'phone_masked', type: 'text', nullable: true }) phoneMasked!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
