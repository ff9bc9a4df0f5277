import { formatNumber } from '../text/format.ts';

/** "1:05" or "1:02:05": an ETA as people read it. */
function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * A progress bar on stderr for long commands: items done of the total, the
 * rate and the time left. On a terminal it redraws one line; elsewhere (a
 * log) it prints a line every few seconds.
 */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  /** The count last drawn: a log gets each count once. */
  private drawn = -1;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(
    private readonly label: string,
    private readonly unit = 'mục',
    private readonly width = 24,
  ) {}

  /** The bar's line for a count: what update() draws. */
  line(done: number, total: number): string {
    const elapsed = Math.max(0.001, (Date.now() - this.started) / 1000);
    const rate = done / elapsed;
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(share * this.width);
    const eta = rate > 0 && total > done ? ` · còn ${clock((total - done) / rate)}` : '';
    return `${this.label} [${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${formatNumber(done)}/${formatNumber(total)} ${this.unit} · ${formatNumber(Math.round(rate * 10) / 10)} ${this.unit}/giây${eta}`;
  }

  update(done: number, total: number): void {
    const now = Date.now();
    if (done === this.drawn || (now - this.lastDraw < (this.tty ? 200 : 5000) && done < total)) return;
    this.lastDraw = now;
    this.drawn = done;
    process.stderr.write(this.tty ? `\r${this.line(done, total)}\u001b[K` : `${this.line(done, total)}\n`);
  }

  /** Takes the bar's line off a terminal, so a line printed next stands alone; the next update draws it again. */
  clear(): void {
    if (!this.tty) return;
    process.stderr.write('\r\u001b[K');
    this.lastDraw = 0;
    this.drawn = -1;
  }

  /** Ends the bar's line. */
  done(done: number, total: number): void {
    this.lastDraw = 0;
    this.update(done, total);
    if (this.tty) process.stderr.write('\n');
  }
}
