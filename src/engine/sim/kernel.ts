/**
 * The discrete-event kernel: a binary heap of timers ordered by (time, sequence), after SimPy's
 * Environment. The increasing sequence number makes timers due at the same instant fire in the order
 * they were set, so a run is a pure function of its inputs.
 */
import type { Scheduler, Timer } from '../../core/scheduler.js';

const NOOP = (_now: number): void => {};

class HeapTimer implements Timer {
  cancelled = false;
  constructor(
    readonly atMs: number,
    readonly seq: number,
    public fn: (now: number) => void,
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
    // Drop the callback now: a cancelled read timeout stays in the heap until its time, and keeping its
    // closure (the request, the machine, the reply path) alive that long pushes it into the old generation.
    (timer as HeapTimer).fn = NOOP;
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

/**
 * Timers whose deadlines arrive in the order they were set — every read timeout of one length, say.
 * They wait in a FIFO and only the oldest live one sits in the kernel's heap. Most read timeouts are
 * cancelled (the reply came first), so this keeps the heap small: when the head's time comes, all the
 * cancelled timers before the next live one are dropped at once.
 */
export class FifoTimers {
  private readonly queue: HeapTimer[] = [];
  private head = 0;
  private armed: Timer | null = null;
  private firing = false;
  private seq = 0;

  constructor(private readonly kernel: SimKernel) {}

  at(atMs: number, fn: (now: number) => void): Timer {
    const last = this.queue[this.queue.length - 1];
    if (last !== undefined && this.head < this.queue.length && last.atMs > atMs) return this.kernel.at(atMs, fn);
    const timer = new HeapTimer(atMs, this.seq++, fn);
    this.queue.push(timer);
    // While firing, the loop in `fire` arms the next head itself once it is done.
    if (this.armed === null && !this.firing) this.arm();
    return timer;
  }

  private arm(): void {
    while (this.head < this.queue.length && (this.queue[this.head] as HeapTimer).cancelled) this.head++;
    if (this.head >= this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      this.armed = null;
      return;
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.armed = this.kernel.at((this.queue[this.head] as HeapTimer).atMs, this.fire);
  }

  private fire = (now: number): void => {
    this.armed = null;
    this.firing = true;
    while (this.head < this.queue.length) {
      const t = this.queue[this.head] as HeapTimer;
      if (t.atMs > now) break;
      this.head++;
      if (!t.cancelled) {
        t.cancelled = true;
        t.fn(now);
      }
    }
    this.firing = false;
    this.arm();
  };
}
