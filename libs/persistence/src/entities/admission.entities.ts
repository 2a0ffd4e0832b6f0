import { Column, Entity, PrimaryColumn } from 'typeorm';

const at = (name: string) => ({ name, type: 'timestamptz' as const, nullable: true });

/** Read model: one row per duty-admission application (准入申请) and where it stands. */
@Entity({ name: 'admission_application' })
export class AdmissionApplicationEntity {
  @PrimaryColumn({ name: 'application_id', type: 'text' }) applicationId!: string;
  @Column({ name: 'department_id', type: 'text' }) departmentId!: string;
  @Column({ name: 'task_name', type: 'text' }) taskName!: string;
  /** street or community. */
  @Column({ type: 'text' }) level!: string;
  /** duty (职责清单) or assisting (协助行政事务清单). */
  @Column({ type: 'text' }) list!: string;
  /** under_review, returned, admitted, refused, withdrawn, lapsed. */
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'legal_basis', type: 'text' }) legalBasis!: string;
  @Column({ type: 'text' }) frequency!: string;
  @Column({ type: 'jsonb' }) findings!: { kind: string; message: string; entryCode?: string }[];
  @Column(at('review_by')) reviewBy!: Date | null;
  @Column({ name: 'review_overdue', type: 'boolean' }) reviewOverdue!: boolean;
  @Column(at('resubmit_by')) resubmitBy!: Date | null;
  @Column({ name: 'return_count', type: 'integer' }) returnCount!: number;
  @Column({ name: 'refusal_reasons', type: 'text', array: true }) refusalReasons!: string[];
  @Column({ name: 'entry_code', type: 'text', nullable: true }) entryCode!: string | null;
  @Column({ name: 'applied_at', type: 'timestamptz' }) appliedAt!: Date;
  @Column(at('decided_at')) decidedAt!: Date | null;
  @Column({ name: 'last_sequence', type: 'integer' }) lastSequence!: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** Read model: a task admitted to the published list (准入事项清单) through the procedure. */
@Entity({ name: 'admission_list_entry' })
export class AdmissionListEntryEntity {
  @PrimaryColumn({ name: 'entry_code', type: 'text' }) entryCode!: string;
  @Column({ name: 'application_id', type: 'text' }) applicationId!: string;
  @Column({ name: 'task_name', type: 'text' }) taskName!: string;
  @Column({ type: 'text' }) level!: string;
  @Column({ type: 'text' }) list!: string;
  @Column({ name: 'department_id', type: 'text' }) departmentId!: string;
  @Column({ name: 'legal_basis', type: 'text' }) legalBasis!: string;
  @Column({ type: 'text' }) frequency!: string;
  @Column({ name: 'admitted_on', type: 'date' }) admittedOn!: string;
  @Column({ name: 'admitted_at', type: 'timestamptz' }) admittedAt!: Date;
}
