import type { OrderWorkflowInput } from '@hotline/workflows';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { type DataSource } from 'typeorm';
import { DependencyUnavailableException } from '../common/dependency-errors';
import { PendingStarts } from '../common/pending-starts';
import { type Settings } from '../infrastructure/settings';
import { TEMPORAL_CLIENT } from '../tokens';
import { isUnknownSearchAttribute, startSearchAttributes } from './intake-screening';
import { poolOf } from './use-cases/submit-order/intake-statements';

/**
 * Started rows are marked at most this often, all of them in one UPDATE, each with the time its
 * start returned: the mark only spares the sweep a start it would find "already started".
 */
const MARK_EVERY_MS = 200;

interface Job {
  input: OrderWorkflowInput;
  attempt: number;
  queuedAt: number;
  started(): void;
}

/** What the starter did since the process started (GET /metrics, the benchmark). */
export interface StarterCounts {
  started: number;
  alreadyStarted: number;
  failedAttempts: number;
  /** Accepted orders found unstarted by a sweep (after a restart, an outage, another instance). */
  swept: number;
  /** Most orders waiting for their start at once. */
  maxBacklog: number;
}

/**
 * Starts the workflows of accepted orders (受理), off the intake request's path.
 *
 * Intake commits the intake row — order number, idempotency key, the workflow input it decided,
 * the encrypted caller — and answers 201 at once: the call is durable when answered. The order's
 * workflow is started right after by this starter: up to API_INTAKE_START_CONCURRENCY starts in
 * flight on the one Temporal connection, the rows marked started (the time each start returned)
 * with one UPDATE every MARK_EVERY_MS at most. A
 * start that fails (Temporal down or slow) is tried again with a growing pause; an order this
 * process never got to start (it crashed, or another instance did) is found by the sweep — at
 * start-up, then every API_INTAKE_SWEEP_MS — and started then. Starting twice is harmless: the
 * workflow id is the order number and a second start is refused as already started.
 *
 * Until it runs, every call the API makes on the order waits for its start (PendingStarts), so
 * a client that acts on the order just answered never sees it missing.
 */
@Injectable()
export class OrderStarter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('intake');
  private readonly taskQueue: string;
  private readonly concurrency: number;
  private readonly sweepMs: number;
  private readonly callTimeoutMs: number;
  /** Intake waits for the start before answering (API_INTAKE_START=inline), as before. */
  readonly inline: boolean;
  private readonly retryAfterSeconds: number;
  private queue: Job[] = [];
  private inFlight = 0;
  private toMark: { orderId: string; at: Date }[] = [];
  private marking: Promise<void> | null = null;
  private sweeping = false;
  private sweepTimer?: NodeJS.Timeout;
  private closed = false;
  private readonly calls = new Set<AbortController>();
  /** Accepted → workflow running, in ms, for the most recent starts (the benchmark reads them). */
  readonly delays: number[] = [];
  readonly counts: StarterCounts = {
    started: 0,
    alreadyStarted: 0,
    failedAttempts: 0,
    swept: 0,
    maxBacklog: 0,
  };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly pending: PendingStarts,
    config: ConfigService<Settings, true>,
  ) {
    this.taskQueue = config.get('api', { infer: true }).temporal.taskQueue;
    const p = config.get('platform', { infer: true });
    this.concurrency = p.intakeStartConcurrency;
    this.sweepMs = p.intakeSweepMs;
    this.callTimeoutMs = p.temporalCallTimeoutMs;
    this.inline = p.intakeStart === 'inline';
    this.retryAfterSeconds = p.retryAfterSeconds;
  }

  /** Orders accepted but not started (by a crashed process, say) are started before serving. */
  async onApplicationBootstrap(): Promise<void> {
    this.pending.setRecoverer((orderId) => this.recover(orderId));
    await this.sweep(0);
    this.sweepTimer = setInterval(() => void this.sweep(this.sweepMs), this.sweepMs);
    this.sweepTimer.unref();
  }

  /** Starts in flight finish (or time out) and their rows are marked; the rest wait for a sweep. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweepTimer);
    const until = Date.now() + Math.min(this.callTimeoutMs, 2000);
    while (this.inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    for (const call of this.calls) call.abort(); // what is left waits for the next sweep
    const aborted = Date.now() + 1000;
    while (this.inFlight > 0 && Date.now() < aborted) await new Promise((r) => setTimeout(r, 20));
    // The connection closes after this, once no call or gRPC retry is left on it (TemporalCalls).
    await this.marking; // closed: it no longer pauses between UPDATEs
    await this.flushMarks();
  }

  /** Orders waiting for their workflow's start in this process. */
  get backlog(): number {
    return this.queue.length + this.inFlight;
  }

  /** Waits for a start within the Temporal call limit; past it, a 503 (the start goes on). */
  async within(started: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        started,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new DependencyUnavailableException('temporal', this.retryAfterSeconds)),
            this.callTimeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Starts the order's workflow soon; settles once it runs (or was already running). Never
   * rejects: a failed start is tried again until it succeeds or the process stops.
   */
  enqueue(input: OrderWorkflowInput): Promise<void> {
    const pending = this.pending.settled(input.orderId);
    if (pending) return pending;
    let started!: () => void;
    const done = new Promise<void>((resolve) => (started = resolve));
    this.pending.track(input.orderId, done);
    this.queue.push({ input, attempt: 0, queuedAt: performance.now(), started });
    this.counts.maxBacklog = Math.max(this.counts.maxBacklog, this.backlog);
    this.pump();
    return done;
  }

  private pump(): void {
    while (!this.closed && this.inFlight < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.inFlight += 1;
      void this.startOne(job).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async startOne(job: Job): Promise<void> {
    try {
      const fresh = await this.startWorkflow(job.input, true);
      if (fresh) this.counts.started += 1;
      else this.counts.alreadyStarted += 1;
      this.mark(job.input.orderId, new Date());
      this.delays.push(performance.now() - job.queuedAt);
      if (this.delays.length > 20_000) this.delays.splice(0, 10_000);
      job.started();
    } catch (err) {
      this.counts.failedAttempts += 1;
      job.attempt += 1;
      const pause = Math.min(30_000, 250 * 2 ** Math.min(job.attempt, 7));
      if (job.attempt === 1 || job.attempt % 10 === 0)
        this.logger.warn(
          `order ${job.input.orderId}: its workflow did not start (${err instanceof Error ? err.message : String(err)}); trying again in ${pause} ms (attempt ${job.attempt})`,
        );
      setTimeout(() => {
        if (this.closed) return; // the next process's sweep starts it
        this.queue.push(job);
        this.pump();
      }, pause).unref();
    }
  }

  /** true: started now; false: it was there already (an earlier try, a twin, another instance). */
  private async startWorkflow(
    input: OrderWorkflowInput,
    withAttributes: boolean,
  ): Promise<boolean> {
    try {
      // Deadline and abort signal: a shutdown cancels the call, its gRPC retries included.
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), this.callTimeoutMs);
      this.calls.add(abort);
      try {
        await this.client.withAbortSignal(abort.signal, () =>
          this.client.withDeadline(Date.now() + this.callTimeoutMs, () =>
            this.client.workflow.start('hotlineOrderWorkflow', {
              workflowId: input.orderId,
              taskQueue: this.taskQueue,
              args: [input],
              workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
              ...(withAttributes ? { typedSearchAttributes: startSearchAttributes(input) } : {}),
            }),
          ),
        );
      } finally {
        clearTimeout(timer);
        this.calls.delete(abort);
      }
      return true;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
      // A cluster without the Emergency attribute must not lose the order: start without it.
      if (withAttributes && isUnknownSearchAttribute(err)) {
        this.logger.error(
          `order ${input.orderId}: ${(err as Error).message}; starting without search attributes`,
        );
        return this.startWorkflow(input, false);
      }
      throw err;
    }
  }

  /** Rows are marked in batches: every start that finished in the last MARK_EVERY_MS. */
  private mark(orderId: string, at: Date): void {
    this.toMark.push({ orderId, at });
    if (!this.marking) this.marking = this.markLoop();
  }

  private async markLoop(): Promise<void> {
    try {
      while (this.toMark.length > 0) {
        if (!this.closed) await new Promise((r) => setTimeout(r, MARK_EVERY_MS).unref());
        await this.flushMarks();
      }
    } finally {
      this.marking = null;
    }
  }

  private async flushMarks(): Promise<void> {
    const marks = this.toMark;
    this.toMark = [];
    if (marks.length === 0) return;
    try {
      await poolOf(this.db).query({
        name: 'intake-mark-started-v1',
        text: `UPDATE order_intake i SET workflow_started_at = m.at
                 FROM unnest($1::text[], $2::timestamptz[]) AS m(order_id, at)
                WHERE i.order_id = m.order_id AND i.workflow_started_at IS NULL`,
        values: [marks.map((m) => m.orderId), marks.map((m) => m.at.toISOString())],
      });
    } catch (err) {
      // Unmarked rows are harmless: the sweep starts them again, answered "already started".
      this.logger.warn(
        `could not mark ${marks.length} started orders (${err instanceof Error ? err.message : String(err)}); a later sweep marks them`,
      );
    }
  }

  /**
   * Accepted orders older than `olderThanMs` whose workflow is not marked started. Their numbers
   * first, and the inputs only of those this process is not starting already: under a burst the
   * unstarted rows are this process's own backlog, read every sweep.
   */
  private async sweep(olderThanMs: number): Promise<void> {
    if (this.sweeping || this.closed) return;
    this.sweeping = true;
    try {
      const unstarted: { order_id: string }[] = await this.db.query(
        `SELECT order_id FROM order_intake
          WHERE workflow_started_at IS NULL AND workflow_input IS NOT NULL
            AND created_at < now() - make_interval(secs => $1::double precision / 1000)
          ORDER BY created_at LIMIT 20000`,
        [olderThanMs],
      );
      const ids = unstarted.map((r) => r.order_id).filter((id) => !this.pending.has(id));
      if (ids.length === 0) return;
      const found: { order_id: string; workflow_input: OrderWorkflowInput }[] = await this.db.query(
        `SELECT order_id, workflow_input FROM order_intake
          WHERE order_id = ANY($1::text[]) AND workflow_started_at IS NULL
          ORDER BY created_at`,
        [ids.slice(0, 2000)],
      );
      if (found.length === 0) return;
      this.counts.swept += found.length;
      this.logger.warn(
        `${found.length} accepted orders had no workflow started yet (API restart, Temporal outage or another API instance): starting them`,
      );
      for (const r of found) void this.enqueue(r.workflow_input);
    } catch (err) {
      this.logger.warn(
        `sweep for unstarted orders failed (${err instanceof Error ? err.message : String(err)}); trying again in ${this.sweepMs} ms`,
      );
    } finally {
      this.sweeping = false;
    }
  }

  /** An order Temporal does not know: started from its intake row if intake accepted it. */
  private async recover(orderId: string): Promise<boolean> {
    if (this.pending.has(orderId)) return true;
    const [row]: { workflow_input: OrderWorkflowInput }[] = await this.db.query(
      `SELECT workflow_input FROM order_intake
        WHERE order_id = $1 AND workflow_started_at IS NULL AND workflow_input IS NOT NULL`,
      [orderId],
    );
    if (!row) return false;
    void this.enqueue(row.workflow_input);
    return true;
  }
}
