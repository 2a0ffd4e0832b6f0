import { buildUnitLedger, type ReferenceData, sampleAdmissionList } from '@hotline/domain';
import { LedgerFileEntity } from '@hotline/persistence';
import { DEFAULT_CJK_FONT, renderLedgerPdf, renderLedgerXlsx, sha256Hex } from '@hotline/reports';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { DATA_SOURCE, REFERENCE_DATA } from '../tokens';
import { ledgerDeputyItemRows } from './ledger-deputy-rows';
import { ledgerGovernanceRows, ledgerOrderRows, ledgerWhistleRows } from './ledger-rows';

/** How long a running job is held before another API instance may take it up (it crashed). */
const LEASE_SECONDS = 120;
/** A job that failed this many times in a row is marked failed with its reason. */
const MAX_ATTEMPTS = 3;
const POLL_MS = 1_000;

/**
 * Generates queued ledgers, one at a time per API instance, in steps whose progress is written
 * to the job's row. Jobs are claimed with FOR UPDATE SKIP LOCKED under a lease, so several API
 * instances share the work and a job whose instance died is taken up again when its lease ends.
 */
@Injectable()
export class LedgerGenerator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ledgers');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs every job that is waiting, then returns (the poll loop calls it; tests may too). */
  async drain(): Promise<number> {
    let done = 0;
    while (!this.stopped) {
      const job = await this.claim();
      if (!job) break;
      await this.generate(job);
      done++;
    }
    return done;
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .catch((e: unknown) => this.logger.warn(`台账队列暂不可用：${(e as Error).message}`))
        .then(() => this.schedule(POLL_MS));
    }, delay);
    this.timer.unref();
  }

  private async claim(): Promise<LedgerFileEntity | null> {
    const rows: { ledger_id: string }[] = await this.db.query(
      // A CTE, so that the driver answers rows (a bare UPDATE … RETURNING answers [rows, count]).
      `WITH claimed AS (
       UPDATE ledger_file SET status = 'running', attempts = attempts + 1,
              lease_until = now() + make_interval(secs => $1), started_at = COALESCE(started_at, now()),
              progress = 0, step = '开始生成'
        WHERE ledger_id = (
          SELECT ledger_id FROM ledger_file
           WHERE status = 'queued' OR (status = 'running' AND lease_until < now())
           ORDER BY requested_at
           FOR UPDATE SKIP LOCKED
           LIMIT 1)
        RETURNING ledger_id)
       SELECT ledger_id FROM claimed`,
      [LEASE_SECONDS],
    );
    const id = rows[0]?.ledger_id;
    return id ? this.db.getRepository(LedgerFileEntity).findOneByOrFail({ ledgerId: id }) : null;
  }

  private async generate(job: LedgerFileEntity): Promise<void> {
    const repo = this.db.getRepository(LedgerFileEntity);
    // Each step also renews the lease: a slow but living job is not taken over.
    const step = (progress: number, text: string) =>
      this.db.query(
        `UPDATE ledger_file SET progress = $2, step = $3,
                lease_until = now() + make_interval(secs => $4)
          WHERE ledger_id = $1`,
        [job.ledgerId, progress, text, LEASE_SECONDS],
      );
    const t0 = Date.now();
    try {
      if (job.attempts > MAX_ATTEMPTS)
        throw new Error(`已尝试 ${job.attempts - 1} 次均未完成，停止重试`);
      const period = { from: job.periodFrom, to: job.periodTo, label: job.periodLabel };
      await step(10, '读取工单');
      const orders = await ledgerOrderRows(this.db, job.unitId, period);
      await step(30, `读取吹哨报到（已读取工单 ${orders.length} 件）`);
      const whistles = await ledgerWhistleRows(this.db, job.unitId, period);
      const deputyItems = await ledgerDeputyItemRows(this.db, job.unitId, period);
      const governance = await ledgerGovernanceRows(
        this.db,
        this.ref.index.units.get(job.unitId),
        job.unitId,
        period,
        sampleAdmissionList(),
      );
      const ledger = buildUnitLedger({
        unitId: job.unitId,
        unitName: this.ref.index.units.get(job.unitId)?.name ?? job.unitId,
        period,
        generatedAt: new Date(),
        orders,
        whistles,
        deputyItems,
        governance,
      });
      await step(50, '生成 Excel 台账');
      const xlsx = await renderLedgerXlsx(ledger);
      await step(70, '生成 PDF 台账');
      const pdf = await renderLedgerPdf(ledger, {
        path: process.env.LEDGER_FONT_PATH ?? DEFAULT_CJK_FONT.path,
        ...(process.env.LEDGER_FONT_PATH ? {} : { family: DEFAULT_CJK_FONT.family }),
      });
      await step(90, '保存文件');
      await repo.update(
        { ledgerId: job.ledgerId, status: 'running' },
        {
          status: 'done',
          progress: 100,
          step: '已生成',
          finishedAt: new Date(),
          leaseUntil: null,
          error: null,
          orderCount: orders.length,
          whistleCount: whistles.length,
          figures: ledger.sections.map((s) => ({
            title: s.title,
            lines: s.lines.map(({ key, label, value, rate }) => ({ key, label, value, rate })),
          })),
          xlsx,
          xlsxSha256: sha256Hex(xlsx),
          xlsxBytes: xlsx.length,
          pdf,
          pdfSha256: sha256Hex(pdf),
          pdfBytes: pdf.length,
        },
      );
      this.logger.log(
        `台账 ${job.ledgerId}（${job.unitId} ${job.periodLabel}）已生成：工单 ${orders.length} 件，吹哨 ${whistles.length} 次，用时 ${Date.now() - t0} ms`,
      );
    } catch (e) {
      const message = (e as Error).message;
      const final = job.attempts >= MAX_ATTEMPTS || message.includes('字体');
      this.logger.warn(`台账 ${job.ledgerId} 生成失败（第 ${job.attempts} 次）：${message}`);
      await repo.update(
        { ledgerId: job.ledgerId },
        final
          ? {
              status: 'failed',
              step: '生成失败',
              error: message,
              finishedAt: new Date(),
              leaseUntil: null,
            }
          : {
              status: 'queued',
              step: `第 ${job.attempts} 次生成失败，稍后重试`,
              error: message,
              leaseUntil: null,
            },
      );
    }
  }
}
