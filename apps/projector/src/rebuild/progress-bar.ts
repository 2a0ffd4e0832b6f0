import { Presets, SingleBar } from 'cli-progress';

/**
 * A progress bar on stderr (cli-progress): redrawn in place on a terminal, a plain line every
 * five seconds otherwise (logs, CI). The same small interface the rebuild and the benchmark used
 * before: `update(done, total)` as work proceeds, `done(done, total)` at the end.
 */
export class ProgressBar {
  private readonly started = Date.now();
  private readonly bar: SingleBar;
  private running = false;

  constructor(
    label: string,
    unit = 'events',
    stream: NodeJS.WriteStream = process.stderr,
    width = 30,
  ) {
    this.bar = new SingleBar(
      {
        format: `${label} [{bar}] {percentage}% {value}/{total} ${unit} {rate}/s ETA {eta_formatted}`,
        barsize: width,
        stream,
        fps: 10,
        noTTYOutput: true, // logs and CI still get a line…
        notTTYSchedule: 5_000, // …every five seconds
        formatValue: (v, _o, type) =>
          type === 'value' || type === 'total' ? v.toLocaleString('en') : String(v),
        hideCursor: false,
      },
      Presets.legacy,
    );
  }

  update(done: number, total: number, force = false): void {
    const rate = this.rate(done);
    if (!this.running) {
      this.bar.start(total, done, { rate });
      this.running = true;
    }
    this.bar.setTotal(total);
    this.bar.update(done, { rate });
    if (force) this.bar.render();
  }

  done(done: number, total: number): void {
    this.update(done, total);
    this.bar.stop(); // draws the last state once more and ends the line
    this.running = false;
  }

  private rate(done: number): string {
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    return rate.toFixed(rate < 100 ? 1 : 0);
  }
}
