/**
 * The live engine's clock: the core's Scheduler port on real timers, after SimPy's RealtimeEnvironment —
 * the same (time, sequence) timer heap as the simulator's kernel, only paced against the wall clock.
 *
 * A scenario millisecond lasts `timeScale` wall milliseconds, so 0.05 runs a scenario 20× faster. Outside
 * timers, `now()` is the wall clock's scenario time; inside a timer's callback it is the timer's own instant
 * (SimPy's rule), so the model's chains of timers keep exact times and only what crosses the wire is
 * late — and a request sent by a timer is timed from when it was meant to go (HdrHistogram's correction
 * for coordinated omission). Time never goes back. Many timers fall due at the same
 * instant (a fleet's polls, a stall's end), so they wait in one heap drained by a single Node timer; timers
 * due together fire in the order they were set. `setTimeout` has millisecond granularity and fires up to a
 * millisecond late, which at small time scales is tens of scenario milliseconds: below a time scale of 0.5
 * the scheduler sleeps until `spinMs` before a timer's time and then polls with `setImmediate` (I/O still
 * runs between polls), which brings the lateness down to the cost of one event-loop turn.
 *
 * Its Node timer is unref'd unless someone holds the scheduler (`hold`/`release`): a run in progress, or
 * a mocked request waiting for its reply, keeps the process alive; a forgotten fault window does not.
 */
import { performance } from 'node:perf_hooks';
import type { Scheduler, Timer } from '../../core/scheduler.js';
import { HeapTimer, TimerHeap } from '../timer-heap.js';

export interface RealtimeOptions {
  /** Wall milliseconds per scenario millisecond (default 1): 0.05 runs a scenario 20× faster. */
  timeScale?: number;
  /**
   * Wall milliseconds before a timer's time from which the scheduler polls instead of sleeping: 1.5 below a
   * time scale of 0.5, else 0 (never).
   */
  spinMs?: number;
  /** Timers later than this never fire (the run's end). */
  horizonMs?: number;
  /** The wall clock in milliseconds (default `performance.now`). */
  clock?: () => number;
}

/**
 * Below this time scale a wall millisecond of timer lateness is over two scenario milliseconds, so the
 * scheduler polls near each timer's time. At larger scales setTimeout's precision is enough, and polling
 * would only cost CPU — and, on a busy machine, cost more lateness than it saves: a process that never
 * sleeps is scheduled as a CPU hog, one that sleeps is woken first.
 */
const SPIN_BELOW_SCALE = 0.5;

type Wake =
  | { kind: 'timeout'; handle: NodeJS.Timeout; wallMs: number }
  | { kind: 'immediate'; handle: NodeJS.Immediate };

export class RealtimeScheduler implements Scheduler {
  readonly timeScale: number;
  private readonly spinMs: number;
  private readonly horizonMs: number;
  private readonly clock: () => number;
  private heap = new TimerHeap();
  private startWallMs: number | null = null;
  /** The latest time handed out: `now()` never goes back. */
  private lastMs = 0;
  private wake: Wake | null = null;
  private holds = 0;
  private closed = false;
  private firing: HeapTimer | null = null;
  /** Timers fired so far (not counting cancelled ones). */
  fired = 0;

  constructor(options: RealtimeOptions = {}) {
    const scale = options.timeScale ?? 1;
    if (!(scale > 0 && Number.isFinite(scale)))
      throw new RangeError(`Failed to create the live clock: time scale must be a number > 0, got ${scale}`);
    this.timeScale = scale;
    this.spinMs = options.spinMs ?? (scale < SPIN_BELOW_SCALE ? 1.5 : 0);
    this.horizonMs = options.horizonMs ?? Number.POSITIVE_INFINITY;
    this.clock = options.clock ?? (() => performance.now());
  }

  /** Starts the clock at scenario time 0 and fires, before returning, the timers set for time 0. */
  start(): void {
    if (this.startWallMs !== null || this.closed) return;
    this.startWallMs = this.clock();
    this.drain();
  }

  get started(): boolean {
    return this.startWallMs !== null;
  }

  now(): number {
    // Inside a timer's callback time stands at the timer's instant, as in SimPy.
    if (this.startWallMs === null || this.firing !== null) return this.lastMs;
    const t = this.wallNow();
    if (t > this.lastMs) this.lastMs = t;
    return this.lastMs;
  }

  /** Scenario time by the wall clock, inside a timer's callback too (benchmarks measure lateness with it). */
  wallNow(): number {
    return (this.clock() - (this.startWallMs as number)) / this.timeScale;
  }

  /** Scenario milliseconds as wall milliseconds. */
  wallMs(scenarioMs: number): number {
    return scenarioMs * this.timeScale;
  }

  /** The scenario time the timer now firing was set for; null outside a timer's callback. */
  get firingAtMs(): number | null {
    return this.firing === null ? null : this.firing.atMs;
  }

  at(atMs: number, fn: (now: number) => void): Timer {
    const due = Math.max(atMs, this.lastMs);
    if (this.closed || due > this.horizonMs) {
      const never = new HeapTimer(due, -1, fn);
      never.cancelled = true;
      return never;
    }
    const timer = this.heap.push(due, fn);
    // Only a new head needs an earlier wake-up; while firing, the drain re-arms when it is done.
    if (this.firing === null && this.heap.peek() === timer) this.arm();
    return timer;
  }

  cancel(timer: Timer): void {
    this.heap.cancel(timer as HeapTimer);
  }

  /** Keeps the process alive while timers are pending (counted: every hold needs a release). */
  hold(): void {
    if (this.holds++ === 0) this.wake?.handle.ref();
  }

  release(): void {
    if (this.holds === 0) return;
    if (--this.holds === 0) this.wake?.handle.unref();
  }

  /** Stops for good: pending timers never fire, and no Node timer is left behind. */
  close(): void {
    this.closed = true;
    this.disarm();
    this.heap = new TimerHeap();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Pending timers, not counting cancelled ones. */
  get size(): number {
    return this.heap.size;
  }

  private disarm(): void {
    const wake = this.wake;
    if (wake === null) return;
    if (wake.kind === 'timeout') clearTimeout(wake.handle);
    else clearImmediate(wake.handle);
    this.wake = null;
  }

  /** Sets the one Node timer for the heap's head: a sleep until just before it, then polling. */
  private arm(): void {
    if (this.closed || this.startWallMs === null) return;
    const head = this.heap.peek();
    if (head === undefined) {
      this.disarm();
      return;
    }
    const dueWallMs = this.startWallMs + head.atMs * this.timeScale;
    const untilDueMs = dueWallMs - this.clock();
    // Due (or within the polling window): poll on the next turn of the event loop, after pending I/O.
    if (untilDueMs <= this.spinMs || untilDueMs <= 0) {
      if (this.wake?.kind === 'immediate') return;
      this.disarm();
      const handle = setImmediate(this.drain);
      if (this.holds === 0) handle.unref();
      this.wake = { kind: 'immediate', handle };
      return;
    }
    if (this.wake?.kind === 'timeout' && this.wake.wallMs <= dueWallMs) return;
    this.disarm();
    // setTimeout rounds to whole milliseconds: a sub-millisecond wait sleeps 1 ms.
    const handle = setTimeout(this.drain, Math.max(1, untilDueMs - this.spinMs));
    if (this.holds === 0) handle.unref();
    this.wake = { kind: 'timeout', handle, wallMs: dueWallMs };
  }

  private drain = (): void => {
    this.wake = null;
    const heap = this.heap;
    for (;;) {
      if (this.closed) return;
      const top = heap.peek();
      if (top === undefined) break;
      if (top.atMs > this.wallNow()) break;
      heap.pop();
      this.fired++;
      // A late timer still fires at its own instant, so lateness does not pile up along a chain of timers
      // (a stage's service, then the next stage's); only I/O seen in between (a request that arrived while
      // the timer was late) moves it on, so that time never goes back.
      const now = Math.max(top.atMs, this.lastMs);
      this.lastMs = now;
      this.firing = top;
      try {
        top.fn(now);
      } finally {
        this.firing = null;
      }
    }
    this.arm();
  };
}
