/**
 * A small fixed log-bucketed histogram (5% wide buckets from 10 µs to ~1 day) whose counts can be added
 * and subtracted. Sliding windows (recovery analysis) and per-bucket time-series percentiles need that at
 * low cost; whole-run percentiles use the HDR histogram instead.
 */
const MIN_MS = 0.01;
const GROWTH = 1.05;
const LOG_GROWTH = Math.log(GROWTH);
export const LOG_BUCKETS = 400;

export class LogHistogram {
  readonly counts = new Float64Array(LOG_BUCKETS);
  total = 0;

  record(ms: number): void {
    const i = bucketOf(ms);
    this.counts[i] = (this.counts[i] as number) + 1;
    this.total++;
  }

  add(other: LogHistogram, sign: 1 | -1 = 1): void {
    const a = this.counts;
    const b = other.counts;
    for (let i = 0; i < LOG_BUCKETS; i++) a[i] = (a[i] as number) + sign * (b[i] as number);
    this.total += sign * other.total;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
  }

  /** The upper edge of the bucket holding percentile p (0–100); 0 when empty. */
  percentile(p: number): number {
    if (this.total <= 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let i = 0; i < LOG_BUCKETS; i++) {
      seen += this.counts[i] as number;
      if (seen >= rank) return i === 0 ? MIN_MS : MIN_MS * GROWTH ** i;
    }
    return MIN_MS * GROWTH ** LOG_BUCKETS;
  }
}

function bucketOf(ms: number): number {
  if (ms <= MIN_MS) return 0;
  const i = Math.ceil(Math.log(ms / MIN_MS) / LOG_GROWTH);
  return i >= LOG_BUCKETS ? LOG_BUCKETS - 1 : i;
}
