import { type RunnerResult } from './projection-runner';

/**
 * Counters of what the projector did, and the event-to-read-model lag (commit time minus the
 * event's time) of the most recent events, for the periodic log line and the benchmark.
 */
export class ProjectorMetrics {
  events = 0;
  applied = 0;
  duplicates = 0;
  ignored = 0;
  gaps = 0;
  private readonly lags: number[] = [];
  private cursor = 0;
  private lastLine = { at: Date.now(), events: 0 };

  constructor(private readonly window = 10_000) {}

  record(result: RunnerResult, lagMs: number): void {
    this.events += 1;
    if (result.outcome === 'applied') this.applied += 1;
    if (result.outcome === 'duplicate') this.duplicates += 1;
    if (result.outcome === 'ignored') this.ignored += 1;
    this.gaps += result.gaps.length;
    if (result.outcome !== 'applied') return;
    if (this.lags.length < this.window) this.lags.push(lagMs);
    else this.lags[this.cursor++ % this.window] = lagMs;
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
      `${this.ignored} ignored, ${this.gaps} gaps, ${deadLettered} dead-lettered; ` +
      `${rate.toFixed(1)} ev/s; lag p50 ${lag(50)} p99 ${lag(99)}`
    );
  }
}
