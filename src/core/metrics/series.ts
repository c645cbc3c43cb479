/**
 * Per-bucket time series for charts: counts per bucket, latency percentiles per bucket, and gauges
 * (in-flight, queue, busy workers) as the maximum seen in the bucket. Memory is O(buckets).
 */
import { LogHistogram } from './log-histogram.js';

export interface SeriesJson {
  bucketMs: number;
  /** Start of each bucket, ms since the run started. */
  t: number[];
  [name: string]: number[] | number;
}

export class SeriesRecorder {
  private readonly counterNames: readonly string[];
  /** Counts of the open bucket, indexed like `counterNames` (an array: this is on the hot path). */
  private readonly counters: Float64Array;
  private readonly columns = new Map<string, number[]>();
  private readonly latency = new LogHistogram();
  private readonly starts: number[] = [];
  private readonly gauges: Array<{ name: string; read: () => number }> = [];
  private bucket = 0;

  constructor(
    readonly bucketMs: number,
    /** Counter names, so every column exists even when nothing was counted. */
    counterNames: readonly string[],
  ) {
    this.counterNames = counterNames;
    this.counters = new Float64Array(counterNames.length);
  }

  /** The index to pass to `count` for a counter name. */
  counterIndex(name: string): number {
    const i = this.counterNames.indexOf(name);
    if (i < 0) throw new Error(`Failed to find series counter ${name}`);
    return i;
  }

  /** A gauge read at each bucket's close (e.g. max in-flight since the last close). */
  gauge(name: string, read: () => number): void {
    this.gauges.push({ name, read });
  }

  /** Brings the buckets up to `now`: every bucket that ended before it is closed. */
  advance(now: number): void {
    while (now >= (this.bucket + 1) * this.bucketMs) this.close();
  }

  count(now: number, counter: number, by = 1): void {
    if (now >= (this.bucket + 1) * this.bucketMs) this.advance(now);
    this.counters[counter] = (this.counters[counter] as number) + by;
  }

  latencyOk(now: number, ms: number): void {
    if (now >= (this.bucket + 1) * this.bucketMs) this.advance(now);
    this.latency.record(ms);
  }

  private push(name: string, value: number): void {
    let col = this.columns.get(name);
    if (col === undefined) {
      col = [];
      this.columns.set(name, col);
    }
    col.push(value);
  }

  private close(): void {
    this.starts.push(this.bucket * this.bucketMs);
    this.counterNames.forEach((name, i) => {
      this.push(name, this.counters[i] as number);
    });
    this.counters.fill(0);
    this.push('latency.p50', round3(this.latency.percentile(50)));
    this.push('latency.p95', round3(this.latency.percentile(95)));
    this.latency.reset();
    for (const g of this.gauges) this.push(g.name, g.read());
    this.bucket++;
  }

  /** Closes the buckets up to `endMs` (a partial last bucket included) and returns the columns. */
  finish(endMs: number): SeriesJson {
    this.advance(endMs);
    if (this.starts.length * this.bucketMs < endMs) this.close();
    const out: SeriesJson = { bucketMs: this.bucketMs, t: this.starts };
    for (const [name, col] of this.columns) out[name] = col;
    return out;
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
