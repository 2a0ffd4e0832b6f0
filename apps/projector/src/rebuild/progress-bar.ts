/**
 * A progress bar on stderr: redrawn in place on a terminal, a plain line every few seconds
 * otherwise (logs, CI). No dependency: a dozen lines are enough.
 */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly unit = 'events',
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 30,
  ) {}

  update(done: number, total: number, force = false): void {
    const now = Date.now();
    const every = this.stream.isTTY ? 100 : 5_000;
    if (!force && now - this.lastDraw < every) return;
    this.lastDraw = now;
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(fraction * this.width);
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 && total > done ? `${Math.ceil((total - done) / rate)}s` : '-';
    const line =
      `${this.label} [${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ` +
      `${(fraction * 100).toFixed(1)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${this.unit} ` +
      `${rate.toFixed(rate < 100 ? 1 : 0)}/s ETA ${eta}`;
    this.stream.write(this.stream.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
  }

  done(done: number, total: number): void {
    this.update(done, total, true);
    if (this.stream.isTTY) this.stream.write('\n');
  }
}
