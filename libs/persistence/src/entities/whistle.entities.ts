import { Column, Entity, PrimaryColumn } from 'typeorm';

const at = (name: string, nullable = true) => ({ name, type: 'timestamptz' as const, nullable });
const text = (name: string) => ({ name, type: 'text' as const, nullable: true });
const int = (name: string) => ({ name, type: 'integer' as const });

/** Read model: one row per whistle (吹哨) — where it stands, department by department. */
@Entity({ name: 'whistle_board' })
export class WhistleBoardEntity {
  @PrimaryColumn({ name: 'whistle_id', type: 'text' }) whistleId!: string;
  @Column({ name: 'street_id', type: 'text' }) streetId!: string;
  /** emergency 应急哨, routine 日常哨, key_task 攻坚哨. */
  @Column({ name: 'whistle_type', type: 'text' }) whistleType!: string;
  @Column(text('matter_type_code')) matterTypeCode!: string | null;
  @Column(text('title')) title!: string | null;
  /** street, or district (a whistle the district took over: 上报). */
  @Column({ type: 'text' }) level!: string;
  @Column(text('owner_unit_id')) ownerUnitId!: string | null;
  /** Hotline orders this whistle is about. */
  @Column({ name: 'linked_order_ids', type: 'text', array: true }) linkedOrderIds!: string[];
  @Column(text('escalated_from_whistle_id')) escalatedFromWhistleId!: string | null;
  /** reporting (报到), committing (表态), acting, verifying (核查), verified, escalated, closed, refused. */
  @Column({ type: 'text' }) status!: string;
  @Column(at('blown_at', false)) blownAt!: Date;
  @Column({ type: 'text' }) month!: string;
  @Column(at('report_by')) reportBy!: Date | null;
  @Column(int('departments')) departments!: number;
  @Column(int('reported')) reported!: number;
  @Column(int('missed_reports')) missedReports!: number;
  @Column(int('committed')) committed!: number;
  @Column(int('completed')) completed!: number;
  @Column(int('verified')) verified!: number;
  /** 上报: sent up to the district. */
  @Column({ type: 'boolean' }) escalated!: boolean;
  @Column(text('district_whistle_id')) districtWhistleId!: string | null;
  @Column(text('outcome')) outcome!: string | null;
  @Column(at('closed_at')) closedAt!: Date | null;
  @Column(int('last_sequence')) lastSequence!: number;
  @Column(at('updated_at', false)) updatedAt!: Date;
}

/** Read model: a summoned department's part in one whistle (报到, 表态, done, 核查, rating). */
@Entity({ name: 'whistle_department' })
export class WhistleDepartmentEntity {
  @PrimaryColumn({ name: 'whistle_id', type: 'text' }) whistleId!: string;
  @PrimaryColumn({ name: 'department_id', type: 'text' }) departmentId!: string;
  @Column({ type: 'text' }) month!: string;
  /** pending, on_time, late or missed. */
  @Column({ type: 'text' }) report!: string;
  @Column(text('report_mode')) reportMode!: string | null;
  @Column(at('reported_at')) reportedAt!: Date | null;
  /** pending, made or missed. */
  @Column({ type: 'text' }) commitment!: string;
  @Column(at('commitment_due_by')) commitmentDueBy!: Date | null;
  @Column(at('completed_at')) completedAt!: Date | null;
  @Column({ type: 'boolean', nullable: true }) verified!: boolean | null;
  @Column({ type: 'integer', nullable: true }) timeliness!: number | null;
  @Column({ name: 'commitment_rating', type: 'integer', nullable: true })
  commitmentRating!: number | null;
  @Column({ type: 'integer', nullable: true }) result!: number | null;
  /** Deadlines missed: report, commitment, delivery. */
  @Column({ type: 'text', array: true }) misses!: string[];
  /** 催办 received. */
  @Column(int('urges')) urges!: number;
  /** 督办 received. */
  @Column(int('escalations')) escalations!: number;
  /** Whether this whistle counts in the department's evaluation (decided at the close). */
  @Column({ type: 'boolean', nullable: true }) counted!: boolean | null;
  /** 0–100 for this whistle, from the evaluation's closing record. */
  @Column({ type: 'double precision', nullable: true }) score!: number | null;
}

const mean = (name: string) => ({ name, type: 'double precision' as const, nullable: true });

/** Read model: a department's whistle evaluation for a month (双向评价), from libs/domain. */
@Entity({ name: 'department_evaluation' })
export class DepartmentEvaluationEntity {
  @PrimaryColumn({ type: 'text' }) month!: string;
  @PrimaryColumn({ name: 'department_id', type: 'text' }) departmentId!: string;
  @Column(int('whistles')) whistles!: number;
  @Column(int('rated_whistles')) ratedWhistles!: number;
  @Column(int('late_reports')) lateReports!: number;
  @Column(int('missed_reports')) missedReports!: number;
  @Column(int('missed_commitments')) missedCommitments!: number;
  @Column(mean('timeliness')) timeliness!: number | null;
  @Column(mean('commitment')) commitment!: number | null;
  @Column(mean('result')) result!: number | null;
  @Column(mean('overall')) overall!: number | null;
  /** 0–100. */
  @Column(mean('score')) score!: number | null;
  /** Three or more ratings, all top marks: worth a look (评价“一律优秀”). */
  @Column({ name: 'uniform_top_marks', type: 'boolean' }) uniformTopMarks!: boolean;
}
