/**
 * A binary min-heap of timers ordered by (time, sequence). Timers due at the same instant fire in the
 * order they were set. Both engines keep their pending timers here: the simulator pops them in virtual
 * time, the live engine arms one wall-clock timeout for the head.
 *
 * Cancelling is lazy — the timer is marked, its callback dropped, and it is skipped when it reaches the
 * top — which keeps the hot path free of index bookkeeping. So that cancelled timers cannot pile up (most
 * read timeouts are cancelled by their reply, and would otherwise sit in the heap, and in the old
 * generation of the garbage collector, until their deadline), the heap is rebuilt without them once they
 * are more than half of it: amortized O(1) per cancel, and never more than ~1,000 dead timers kept.
 */
import type { Timer } from '../core/scheduler.js';

const NOOP = (_now: number): void => {};
/** Below this many cancelled timers a rebuild is not worth its O(n). */
const REBUILD_MIN = 1024;

export class HeapTimer implements Timer {
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

export class TimerHeap {
  private heap: HeapTimer[] = [];
  private seq = 0;
  private cancelledInHeap = 0;

  /** Pending timers, not counting cancelled ones. */
  get size(): number {
    return this.heap.length - this.cancelledInHeap;
  }

  /** Timers held, cancelled ones not yet dropped included. */
  get stored(): number {
    return this.heap.length;
  }

  /** The earliest pending timer, without removing it. */
  peek(): HeapTimer | undefined {
    while (this.heap.length > 0 && (this.heap[0] as HeapTimer).cancelled) this.removeTop();
    return this.heap[0];
  }

  push(atMs: number, fn: (now: number) => void): HeapTimer {
    const timer = new HeapTimer(atMs, this.seq++, fn);
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

  /** Removes and returns the earliest pending timer. */
  pop(): HeapTimer | undefined {
    const top = this.peek();
    if (top !== undefined) this.removeTop();
    return top;
  }

  cancel(timer: HeapTimer): void {
    if (timer.cancelled) return;
    timer.cancelled = true;
    timer.fn = NOOP;
    this.cancelledInHeap++;
    if (this.cancelledInHeap > REBUILD_MIN && this.cancelledInHeap * 2 > this.heap.length) this.rebuild();
  }

  /** Pops the top (live or cancelled) and restores the heap. */
  private removeTop(): void {
    const heap = this.heap;
    const top = heap[0] as HeapTimer;
    if (top.cancelled) this.cancelledInHeap--;
    // A fired timer counts as cancelled from now on, so cancelling it later is a no-op.
    top.cancelled = true;
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

  /** Drops every cancelled timer and re-heapifies (Floyd's bottom-up construction, O(n)). */
  private rebuild(): void {
    const live = this.heap.filter((t) => !t.cancelled);
    for (let i = (live.length >> 1) - 1; i >= 0; i--) {
      const timer = live[i] as HeapTimer;
      let j = i;
      for (;;) {
        const l = 2 * j + 1;
        if (l >= live.length) break;
        const r = l + 1;
        let c = l;
        if (r < live.length && before(live[r] as HeapTimer, live[l] as HeapTimer)) c = r;
        const child = live[c] as HeapTimer;
        if (!before(child, timer)) break;
        live[j] = child;
        j = c;
      }
      live[j] = timer;
    }
    this.heap = live;
    this.cancelledInHeap = 0;
  }
}
