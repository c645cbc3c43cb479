/**
 * Peaks over trailing windows, exact and in memory bounded by the events inside one window:
 * "the most ERROR logs in any minute", "the most timeouts in any 10 s", "the most distinct workers timing
 * out within any 5 s" (the incident saw 5 workers within 4 s).
 */

/** The largest number of events inside any window of `windowMs` (events at t count in (t − window, t]). */
export class SlidingPeak {
  private readonly times: number[] = [];
  private head = 0;
  peak = 0;

  constructor(private readonly windowMs: number) {}

  add(now: number): void {
    const times = this.times;
    times.push(now);
    while ((times[this.head] as number) <= now - this.windowMs) this.head++;
    const inWindow = times.length - this.head;
    if (inWindow > this.peak) this.peak = inWindow;
    if (this.head > 4096 && this.head * 2 > times.length) {
      times.splice(0, this.head);
      this.head = 0;
    }
  }
}

/** The largest number of distinct ids seen inside any window of `windowMs`. */
export class SlidingDistinctPeak {
  private readonly events: Array<{ t: number; id: number }> = [];
  private head = 0;
  private readonly counts = new Map<number, number>();
  peak = 0;

  constructor(private readonly windowMs: number) {}

  add(now: number, id: number): void {
    this.events.push({ t: now, id });
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    for (;;) {
      const e = this.events[this.head] as { t: number; id: number };
      if (e.t > now - this.windowMs) break;
      this.head++;
      const c = (this.counts.get(e.id) as number) - 1;
      if (c === 0) this.counts.delete(e.id);
      else this.counts.set(e.id, c);
    }
    if (this.counts.size > this.peak) this.peak = this.counts.size;
    if (this.head > 4096 && this.head * 2 > this.events.length) {
      this.events.splice(0, this.head);
      this.head = 0;
    }
  }
}
