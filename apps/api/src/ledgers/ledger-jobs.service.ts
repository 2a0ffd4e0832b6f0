import { type LedgerPeriod, type ReferenceData } from '@hotline/domain';
import { LedgerFileEntity } from '@hotline/persistence';
import {
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { type Principal } from '../auth/principal';
import { DATA_SOURCE, REFERENCE_DATA } from '../tokens';
import {
  type CreateLedgerRequest,
  type LedgerFormat,
  type ListLedgersQuery,
  periodOf,
} from './ledger-request';

/** What a ledger request looks like to its reader: the job, never the file bytes. */
export type LedgerJobView = Omit<LedgerFileEntity, 'xlsx' | 'pdf'> & {
  files: { xlsx: string; pdf: string } | null;
};

/**
 * Ledger requests (电子台账): a unit asks for its own, the centre and auditors for any unit.
 * Asking again for the same unit and period while one is queued or running returns that one.
 */
@Injectable()
export class LedgerJobsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
  ) {}

  async request(principal: Principal, req: CreateLedgerRequest): Promise<LedgerJobView> {
    this.mayRead(principal, req.unitId);
    if (!this.ref.index.units.has(req.unitId))
      throw new UnprocessableEntityException({
        message: `没有编码为 ${req.unitId} 的承办单位`,
        fields: [{ field: 'unitId', message: 'unknown unit' }],
      });
    let period: LedgerPeriod;
    try {
      period = periodOf(req);
    } catch (e) {
      throw new UnprocessableEntityException((e as Error).message);
    }
    const repo = this.db.getRepository(LedgerFileEntity);
    return this.db.transaction(async (tx) => {
      // One request at a time per unit and period: the advisory lock makes "find or create" safe.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `ledger:${req.unitId}:${period.from.toISOString()}:${period.to.toISOString()}`,
      ]);
      const pending = await tx
        .getRepository(LedgerFileEntity)
        .createQueryBuilder('l')
        .where('l.unit_id = :unit AND l.period_from = :from AND l.period_to = :to', {
          unit: req.unitId,
          from: period.from,
          to: period.to,
        })
        .andWhere(`l.status IN ('queued', 'running')`)
        .getOne();
      if (pending) return view(pending);
      const job = repo.create({
        ledgerId: randomUUID(),
        unitId: req.unitId,
        periodFrom: period.from,
        periodTo: period.to,
        periodLabel: period.label,
        status: 'queued',
        progress: 0,
        step: '排队等待生成',
        requestedBy: principal.userId,
        requestedAt: new Date(),
        startedAt: null,
        finishedAt: null,
        leaseUntil: null,
        attempts: 0,
        error: null,
        orderCount: null,
        whistleCount: null,
        figures: null,
        xlsx: null,
        xlsxSha256: null,
        xlsxBytes: null,
        pdf: null,
        pdfSha256: null,
        pdfBytes: null,
      });
      await tx.getRepository(LedgerFileEntity).insert(job);
      return view(job);
    });
  }

  async list(principal: Principal, q: ListLedgersQuery): Promise<{ items: LedgerJobView[] }> {
    const unit = principal.role === 'unit' ? principal.unitId : q.unitId;
    if (q.unitId) this.mayRead(principal, q.unitId);
    const qb = this.db
      .getRepository(LedgerFileEntity)
      .createQueryBuilder('l')
      .orderBy('l.requested_at', 'DESC')
      .addOrderBy('l.ledger_id', 'DESC')
      .limit(q.limit);
    if (unit) qb.where('l.unit_id = :unit', { unit });
    return { items: (await qb.getMany()).map(view) };
  }

  async get(principal: Principal, ledgerId: string): Promise<LedgerJobView> {
    const job = await this.find(ledgerId);
    this.mayRead(principal, job.unitId, ledgerId);
    return view(job);
  }

  async file(
    principal: Principal,
    ledgerId: string,
    format: LedgerFormat,
  ): Promise<{ bytes: Buffer; sha256: string; fileName: string; contentType: string }> {
    const job = await this.find(ledgerId);
    this.mayRead(principal, job.unitId, ledgerId);
    if (job.status !== 'done')
      throw new NotFoundException(
        job.status === 'failed'
          ? `台账生成失败：${job.error ?? '原因未知'}`
          : `台账尚未生成完毕（${job.progress}%：${job.step}）`,
      );
    const row = await this.db
      .getRepository(LedgerFileEntity)
      .createQueryBuilder('l')
      .addSelect(`l.${format}`)
      .where('l.ledger_id = :id', { id: ledgerId })
      .getOneOrFail();
    const bytes = format === 'xlsx' ? row.xlsx : row.pdf;
    const sha256 = format === 'xlsx' ? row.xlsxSha256 : row.pdfSha256;
    if (!bytes || !sha256) throw new NotFoundException('台账文件不存在');
    return {
      bytes,
      sha256,
      fileName: `${job.unitId}-电子台账-${job.periodLabel}.${format}`,
      contentType:
        format === 'xlsx'
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'application/pdf',
    };
  }

  private async find(ledgerId: string): Promise<LedgerFileEntity> {
    const job = /^[0-9a-f-]{36}$/.test(ledgerId)
      ? await this.db.getRepository(LedgerFileEntity).findOneBy({ ledgerId })
      : null;
    if (!job) throw new NotFoundException(`没有编号为 ${ledgerId} 的台账`);
    return job;
  }

  /** Units read their own ledgers; the centre's roles read all. Another unit's is "not found". */
  private mayRead(principal: Principal, unitId: string, ledgerId?: string): void {
    if (principal.role !== 'unit' || principal.unitId === unitId) return;
    if (ledgerId) throw new NotFoundException(`没有编号为 ${ledgerId} 的台账`);
    throw new ForbiddenException(`单位 ${principal.unitId} 不能查阅单位 ${unitId} 的台账`);
  }
}

function view(job: LedgerFileEntity): LedgerJobView {
  const { xlsx: _x, pdf: _p, ...rest } = job;
  return {
    ...rest,
    files:
      job.status === 'done'
        ? {
            xlsx: `/ledgers/${job.ledgerId}/files/xlsx`,
            pdf: `/ledgers/${job.ledgerId}/files/pdf`,
          }
        : null,
  };
}
