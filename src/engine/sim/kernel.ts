/**
 * The discrete-event kernel: a binary heap of timers ordered by (time, sequence), after SimPy's
 * Environment. The increasing sequence number makes timers due at the same instant fire in the order
 * they were set, so a run is a pure function of its inputs.
 */
import type { Scheduler, Timer } from '../../core/scheduler.js';

class HeapTimer implements Timer {
  cancelled = false;
  constructor(
    readonly atMs: number,
    readonly seq: number,
    readonly fn: (now: number) => void,
  ) {}
}

function before(a: HeapTimer, b: HeapTimer): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}

export class SimKernel implements Scheduler {
  private heap: HeapTimer[] = [];
  private seq = 0;
  private clock = 0;
  /** Timers fired so far (not counting cancelled ones). */
  fired = 0;

  now(): number {
    return this.clock;
  }

  at(atMs: number, fn: (now: number) => void): Timer {
    const timer = new HeapTimer(Math.max(atMs, this.clock), this.seq++, fn);
    const heap = this.heap;
    let i = heap.length;
    heap.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as HeapTimer;
      if (!before(timer, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = timer;
    return timer;
  }

  cancel(timer: Timer): void {
    timer.cancelled = true;
  }

  /** The time of the next live timer, or Infinity when none is pending. */
  peek(): number {
    this.dropCancelled();
    return this.heap.length > 0 ? (this.heap[0] as HeapTimer).atMs : Number.POSITIVE_INFINITY;
  }

  /** Fires every timer due at or before `untilMs`, then leaves the clock at `untilMs`. */
  run(untilMs: number): void {
    const heap = this.heap;
    while (heap.length > 0) {
      const top = heap[0] as HeapTimer;
      if (top.atMs > untilMs) break;
      this.pop();
      if (top.cancelled) continue;
      this.clock = top.atMs;
      this.fired++;
      top.fn(top.atMs);
    }
    if (untilMs > this.clock && untilMs !== Number.POSITIVE_INFINITY) this.clock = untilMs;
  }

  /** Pending timers, cancelled ones included (they are dropped lazily). */
  get size(): number {
    return this.heap.length;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && (this.heap[0] as HeapTimer).cancelled) this.pop();
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop() as HeapTimer;
    const n = heap.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && before(heap[r] as HeapTimer, heap[l] as HeapTimer)) c = r;
      const child = heap[c] as HeapTimer;
      if (!before(child, last)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
  }
}
