/**
 * Counts over a sliding time window in constant memory: a ring of sub-buckets, each holding a few counters.
 *
 * The window is approximated the way Hystrix's rolling counters and cockatiel's SamplingBreaker do it: the
 * sum covers the current sub-bucket plus the `buckets − 1` before it, so an event is forgotten between
 * `(buckets − 1)/buckets · windowMs` and `windowMs` after it happened. Ten sub-buckets bound that error at 10%
 * while memory stays fixed however many events arrive (one poller fleet can make millions).
 *
 * Time only moves forward in both engines; an event stamped before the newest sub-bucket is counted in it.
 * `windowMs` must be positive (the scenario schema guarantees it).
 */
export class SlidingCounts {
  readonly bucketMs: number;
  /** counts[bucket * width + field]. */
  private readonly counts: Float64Array;
  /** Absolute index (floor(now / bucketMs)) of the newest sub-bucket; -Infinity before the first event. */
  private head = Number.NEGATIVE_INFINITY;

  constructor(
    readonly windowMs: number,
    /** Counters per sub-bucket (e.g. 2 for successes and failures). */
    readonly width: number,
    readonly buckets = 10,
  ) {
    this.bucketMs = windowMs / buckets;
    this.counts = new Float64Array(buckets * width);
  }

  add(now: number, field: number, amount = 1): void {
    const slot = this.advance(now);
    this.counts[slot * this.width + field]! += amount;
  }

  /** The sum of one counter over the window ending at `now`. */
  sum(now: number, field: number): number {
    this.advance(now);
    let total = 0;
    for (let b = 0; b < this.buckets; b++) total += this.counts[b * this.width + field]!;
    return total;
  }

  clear(): void {
    this.counts.fill(0);
    this.head = Number.NEGATIVE_INFINITY;
  }

  /** Moves the head to `now`'s sub-bucket, emptying the sub-buckets it passes; returns the head's slot. */
  private advance(now: number): number {
    const index = Math.floor(now / this.bucketMs);
    if (index > this.head) {
      if (index - this.head >= this.buckets) {
        this.counts.fill(0);
      } else {
        for (let i = this.head + 1; i <= index; i++) {
          const slot = this.slotOf(i);
          this.counts.fill(0, slot * this.width, (slot + 1) * this.width);
        }
      }
      this.head = index;
    }
    return this.slotOf(this.head);
  }

  private slotOf(index: number): number {
    return ((index % this.buckets) + this.buckets) % this.buckets;
  }
}
