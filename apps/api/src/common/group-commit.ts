/**
 * Group commit: calls made at about the same time share one statement (one round trip, one
 * commit), and each caller is answered only once that statement has finished — its row is as
 * durable as if it had been written alone.
 *
 * No timer: a batch is sent as soon as fewer than `maxInFlight` batches are running (at the
 * end of the event-loop turn, so calls of the same turn go together); calls arriving while
 * `maxInFlight` batches run wait for one of them to finish and then go together, at most
 * `maxBatch` to a statement. The wait is bounded by one statement's time; at low load every call
 * goes alone at once, under load the batches grow by themselves.
 *
 * When a batch fails with an error that may be one row's (`splitOn`: bad data, a constraint),
 * each of its calls is tried alone, so that only the faulty call fails; any other error (the
 * database away) reaches every caller of the batch as it is.
 */
export class GroupCommit<I, O> {
  private queue: { item: I; resolve: (out: O) => void; reject: (err: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** Statements sent and calls they carried (the largest batch), since the process started. */
  readonly counts = { batches: 0, calls: 0, largest: 0 };

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly o: {
      maxBatch: number;
      maxInFlight: number;
      splitOn?: (err: unknown) => boolean;
    },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.o.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.o.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, Math.max(1, this.o.maxBatch));
      this.inFlight += 1;
      this.counts.batches += 1;
      this.counts.calls += batch.length;
      this.counts.largest = Math.max(this.counts.largest, batch.length);
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
    }
  }

  private async send(batch: GroupCommit<I, O>['queue']): Promise<void> {
    let out: O[];
    try {
      out = await this.run(batch.map((b) => b.item));
    } catch (err) {
      if (batch.length > 1 && this.o.splitOn?.(err)) {
        await Promise.all(batch.map((b) => this.send([b])));
        return;
      }
      for (const b of batch) b.reject(err);
      return;
    }
    if (out.length !== batch.length) {
      const err = new Error(`a batch of ${batch.length} answered ${out.length} results`);
      for (const b of batch) b.reject(err);
      return;
    }
    batch.forEach((b, i) => b.resolve(out[i]!));
  }
}

/**
 * PostgreSQL errors that belong to a row's data (SQLSTATE classes 22, data exception, and 23,
 * integrity constraint violation): a batch failing so is tried call by call.
 */
export function isRowError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}
