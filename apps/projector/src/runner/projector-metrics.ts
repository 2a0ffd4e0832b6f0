import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { type RunnerResult } from './projection-runner';

/**
 * What the projector did, for the periodic log line, the benchmark and Prometheus: events by
 * outcome, gaps, reused sequences (workflow resets), dead letters, the consumer's lag per
 * partition (messages behind the end) and the event-to-read-model lag (commit time minus the
 * event's time) of the recent events.
 */
export class ProjectorMetrics {
  events = 0;
  applied = 0;
  duplicates = 0;
  ignored = 0;
  gaps = 0;
  resets = 0;
  readonly registry = new Registry();
  private readonly lags: number[] = [];
  private cursor = 0;
  private lastLine = { at: Date.now(), events: 0 };
  private readonly recent: { at: number; events: number }[] = [];
  private readonly eventsTotal = new Counter({
    name: 'hotline_projector_events_total',
    help: 'Events handled, by outcome (applied, duplicate, ignored, reset)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly gapsTotal = new Counter({
    name: 'hotline_projector_sequence_gaps_total',
    help: 'Sequence gaps seen (per projection): events lost or dead-lettered before',
    registers: [this.registry],
  });
  private readonly resetsTotal = new Counter({
    name: 'hotline_projector_sequence_reused_total',
    help: 'Events with a new id for a sequence already seen (a workflow reset), recorded in projection_anomaly',
    registers: [this.registry],
  });
  readonly deadLetters = new Counter({
    name: 'hotline_projector_dead_letters_total',
    help: 'Messages sent to the dead-letter topic, by why (invalid, or failing in a projection)',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  private readonly partitionLag = new Gauge({
    name: 'hotline_projector_partition_lag_messages',
    help: 'Messages between the consumer position and the end of the partition, after the last batch',
    labelNames: ['topic', 'partition'],
    registers: [this.registry],
  });
  private readonly eventLag = new Histogram({
    name: 'hotline_projector_event_lag_seconds',
    help: "From the event's time in the workflow to the commit of its read-model rows",
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  private readonly batchSize = new Histogram({
    name: 'hotline_projector_batch_events',
    help: 'Events applied per batch (one transaction)',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [this.registry],
  });

  constructor(private readonly window = 10_000) {
    const rate = () => this.recentRate();
    new Gauge({
      name: 'hotline_projector_events_per_second',
      help: 'Events handled per second over the last 10 s',
      registers: [this.registry],
      collect() {
        this.set(rate());
      },
    });
  }

  record(result: RunnerResult, lagMs: number): void {
    this.events += 1;
    this.eventsTotal.inc({ outcome: result.outcome });
    if (result.outcome === 'applied') this.applied += 1;
    if (result.outcome === 'duplicate') this.duplicates += 1;
    if (result.outcome === 'ignored') this.ignored += 1;
    if (result.reset) {
      this.resets += 1;
      this.resetsTotal.inc();
    }
    this.gaps += result.gaps.length;
    if (result.gaps.length > 0) this.gapsTotal.inc(result.gaps.length);
    if (result.outcome !== 'applied') return;
    this.eventLag.observe(lagMs / 1000);
    if (this.lags.length < this.window) this.lags.push(lagMs);
    else this.lags[this.cursor++ % this.window] = lagMs;
  }

  batch(events: number): void {
    this.batchSize.observe(events);
    const now = Date.now();
    this.recent.push({ at: now, events });
    while (this.recent.length > 0 && this.recent[0]!.at < now - 10_000) this.recent.shift();
  }

  lag(topic: string, partition: number, messages: number): void {
    this.partitionLag.set({ topic, partition: String(partition) }, messages);
  }

  private recentRate(): number {
    const since = Date.now() - 10_000;
    return this.recent.filter((r) => r.at >= since).reduce((n, r) => n + r.events, 0) / 10;
  }

  /** Lag percentile (0–100) over the recent applied events, in ms; null before any. */
  lagPercentile(p: number): number | null {
    if (this.lags.length === 0) return null;
    const sorted = [...this.lags].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
  }

  /** One log line, or null when nothing happened since the last one. */
  line(deadLettered: number): string | null {
    const now = Date.now();
    if (this.events === this.lastLine.events) return null;
    const rate =
      ((this.events - this.lastLine.events) * 1000) / Math.max(1, now - this.lastLine.at);
    this.lastLine = { at: now, events: this.events };
    const lag = (p: number) => `${this.lagPercentile(p) ?? '-'}ms`;
    return (
      `${this.events} events: ${this.applied} applied, ${this.duplicates} repeats, ` +
      `${this.ignored} ignored, ${this.gaps} gaps, ${this.resets} reused sequences, ` +
      `${deadLettered} dead-lettered; ${rate.toFixed(1)} ev/s; lag p50 ${lag(50)} p99 ${lag(99)}`
    );
  }
}
