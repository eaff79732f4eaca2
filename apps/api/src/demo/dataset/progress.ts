// Plain-text progress on stderr: a bar redrawn in place on a terminal, a line every 10% otherwise
// (CI logs, `npm run bench > file`). The demo's loader turns it off (setQuiet): `npm start` prints
// its own lines.

let quiet = false;

/** Silences (or restores) the progress lines and notes of the data set generator. */
export function setQuiet(value: boolean): void {
  quiet = value;
}

export class Progress {
  private readonly tty = Boolean(process.stderr.isTTY);
  private done = 0;
  private lastTenth = -1;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
  ) {
    this.draw();
  }

  tick(n = 1): void {
    this.done = Math.min(this.total, this.done + n);
    this.draw();
  }

  finish(): void {
    this.done = this.total;
    this.draw(true);
  }

  private draw(final = false): void {
    if (quiet) return;
    const ratio = this.total ? this.done / this.total : 1;
    const tenth = Math.floor(ratio * 10);
    if (this.tty) {
      const width = 30;
      const filled = Math.round(ratio * width);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
      const line = `  [${bar}] ${(ratio * 100).toFixed(0).padStart(3)}% ${this.label} ${this.done}/${this.total}`;
      process.stderr.write(`\r${line}${final ? ` (${this.seconds()} s)\n` : ''}`);
      return;
    }
    if (tenth === this.lastTenth && !final) return;
    if (final && this.lastTenth === 10) return;
    this.lastTenth = tenth;
    const suffix = final || tenth === 10 ? ` (${this.seconds()} s)` : '';
    process.stderr.write(`  ${this.label}: ${this.done}/${this.total} (${(ratio * 100).toFixed(0)}%)${suffix}\n`);
    if (tenth === 10) this.lastTenth = 10;
  }

  private seconds(): string {
    return ((Date.now() - this.started) / 1000).toFixed(1);
  }
}

export function note(message: string): void {
  if (quiet) return;
  process.stderr.write(`${message}\n`);
}
