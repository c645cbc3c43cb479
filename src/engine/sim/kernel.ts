/**
 * The discrete-event kernel, after SimPy's Environment: timers in a heap ordered by (time, sequence),
 * `now`, `at`, `run(until)`. Timers due at the same instant fire in the order they were set, so a run is a
 * pure function of its inputs.
 */
import type { Scheduler, Timer } from '../../core/scheduler.js';
import { type HeapTimer, TimerHeap } from '../timer-heap.js';

export class SimKernel implements Scheduler {
  private readonly timers = new TimerHeap();
  private clock = 0;
  /** Timers fired so far (not counting cancelled ones). */
  fired = 0;

  now(): number {
    return this.clock;
  }

  at(atMs: number, fn: (now: number) => void): Timer {
    return this.timers.push(Math.max(atMs, this.clock), fn);
  }

  cancel(timer: Timer): void {
    this.timers.cancel(timer as HeapTimer);
  }

  /** The time of the next pending timer, or Infinity when none is. */
  peek(): number {
    return this.timers.peek()?.atMs ?? Number.POSITIVE_INFINITY;
  }

  /** Fires every timer due at or before `untilMs`, then leaves the clock at `untilMs`. */
  run(untilMs: number): void {
    const timers = this.timers;
    for (;;) {
      const top = timers.peek();
      if (top === undefined || top.atMs > untilMs) break;
      timers.pop();
      this.clock = top.atMs;
      this.fired++;
      top.fn(top.atMs);
    }
    if (untilMs > this.clock && untilMs !== Number.POSITIVE_INFINITY) this.clock = untilMs;
  }

  /** Pending timers. */
  get size(): number {
    return this.timers.size;
  }
}
