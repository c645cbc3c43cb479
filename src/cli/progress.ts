/**
 * A progress bar on stderr for runs that take a while. It is drawn only on a terminal (never into a CI log
 * or a pipe), and only once the run is expected to take more than about two seconds, so quick runs print
 * nothing but their result.
 */
const SHOW_AFTER_MS = 2000;
const REDRAW_MS = 120;
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): boolean;
}

/**
 * Whether a progress bar belongs on this stream at all. POLLSTORM_PROGRESS=always draws it anyway (a test
 * watches it to know runs have finished), =never never draws it.
 */
export function progressWanted(stream: ProgressStream, quiet: boolean, env: NodeJS.ProcessEnv): boolean {
  if (quiet || env.POLLSTORM_PROGRESS === 'never') return false;
  if (env.POLLSTORM_PROGRESS === 'always') return true;
  return stream.isTTY === true && env.CI === undefined && env.TERM !== 'dumb';
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

export class ProgressBar {
  private done = 0;
  private current = '';
  private readonly startedAt = performance.now();
  private drawn = false;
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    private readonly unit: string,
  ) {
    this.timer = setInterval(() => this.draw(), REDRAW_MS);
    this.timer.unref();
  }

  /** `done` runs finished; `next` says what is being worked on now. */
  update(done: number, next: string): void {
    this.done = done;
    this.current = next;
    this.draw();
  }

  /** Removes the bar, leaving the terminal as it was. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }

  private expectedMs(elapsed: number): number | undefined {
    return this.done === 0 ? undefined : (elapsed / this.done) * this.total;
  }

  private draw(): void {
    if (this.timer === undefined) return;
    const elapsed = performance.now() - this.startedAt;
    const expected = this.expectedMs(elapsed);
    if (!this.drawn && elapsed < SHOW_AFTER_MS && (expected === undefined || expected < SHOW_AFTER_MS))
      return;
    const columns = (this.stream.columns || 80) - 1;
    const width = Math.max(10, Math.min(30, columns - 60));
    const filled = Math.round((this.done / this.total) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const left = expected === undefined ? '' : `, ~${seconds(Math.max(0, expected - elapsed))} left`;
    const spinner = SPINNER[this.frame++ % SPINNER.length];
    const head = `${spinner} ${bar} ${this.done}/${this.total} ${this.unit}`;
    const tail = `${seconds(elapsed)}${left}`;
    // The label gives way first: the counts and the time left are what a person waits on.
    const room = columns - head.length - tail.length - 6;
    const label =
      room < 4 ? '' : this.current.length > room ? `${this.current.slice(0, room - 1)}…` : this.current;
    this.stream.write(`\r\x1b[2K${label === '' ? `${head} · ${tail}` : `${head} · ${label} · ${tail}`}`);
    this.drawn = true;
  }
}
