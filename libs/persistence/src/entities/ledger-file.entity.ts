import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The ledger's figures as stored with the job (the ids behind them are in the files). */
export type LedgerFigures = {
  title: string;
  lines: { key: string; label: string; value: number; rate?: number | null }[];
}[];

const at = (name: string) => ({ name, type: 'timestamptz' as const, nullable: true });

/**
 * An electronic ledger (电子台账) asked for by a unit or the centre: the job that generates it
 * (queued → running → done | failed, with progress a person can read) and, once done, the two
 * files with their SHA-256. A running job holds a lease; a job whose lease ran out (the API died
 * mid-way) is taken up again, so a request is never lost.
 *
 * Not a read model: it is not rebuilt from the topics. Generated documents are records.
 */
@Entity({ name: 'ledger_file' })
export class LedgerFileEntity {
  @PrimaryColumn({ name: 'ledger_id', type: 'text' }) ledgerId!: string;
  @Column({ name: 'unit_id', type: 'text' }) unitId!: string;
  @Column({ name: 'period_from', type: 'timestamptz' }) periodFrom!: Date;
  @Column({ name: 'period_to', type: 'timestamptz' }) periodTo!: Date;
  @Column({ name: 'period_label', type: 'text' }) periodLabel!: string;
  /** queued, running, done or failed. */
  @Column({ type: 'text' }) status!: string;
  /** 0–100. */
  @Column({ type: 'integer' }) progress!: number;
  /** What it is doing now, in words a clerk reads (读取工单…). */
  @Column({ type: 'text' }) step!: string;
  @Column({ name: 'requested_by', type: 'text' }) requestedBy!: string;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt!: Date;
  @Column(at('started_at')) startedAt!: Date | null;
  @Column(at('finished_at')) finishedAt!: Date | null;
  @Column(at('lease_until')) leaseUntil!: Date | null;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ name: 'order_count', type: 'integer', nullable: true }) orderCount!: number | null;
  @Column({ name: 'whistle_count', type: 'integer', nullable: true }) whistleCount!: number | null;
  /** The figures without their basis, for a quick look without opening a file. */
  @Column({ type: 'jsonb', nullable: true }) figures!: LedgerFigures | null;
  @Column({ type: 'bytea', nullable: true, select: false }) xlsx!: Buffer | null;
  @Column({ name: 'xlsx_sha256', type: 'text', nullable: true }) xlsxSha256!: string | null;
  @Column({ name: 'xlsx_bytes', type: 'integer', nullable: true }) xlsxBytes!: number | null;
  @Column({ type: 'bytea', nullable: true, select: false }) pdf!: Buffer | null;
  @Column({ name: 'pdf_sha256', type: 'text', nullable: true }) pdfSha256!: string | null;
  @Column({ name: 'pdf_bytes', type: 'integer', nullable: true }) pdfBytes!: number | null;
}
