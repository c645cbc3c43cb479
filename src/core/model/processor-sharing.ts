/**
 * Processor sharing: n calls in service each progress at min(1, cores/n) — the textbook model of a
 * CPU-bound database under load (Kleinrock, Queueing Systems II, §4.4). Tracked with a virtual work clock:
 * every call in service has done the same amount of work since it started, so a call is finished when the
 * clock reaches its `finishWork`, and only the next finish needs a timer. A stall sets the rate to 0.
 */
import type { Scheduler, Timer } from '../scheduler.js';
import type { Call, CallList } from './call.js';

export class ProcessorSharing {
  private work = 0;
  private rate = 1;
  private workAtMs = 0;
  private timer: Timer | null = null;

  constructor(
    private readonly cores: number,
    private readonly sched: Scheduler,
    /** The stage's calls in service: this clock reads it, and removes the calls it finishes. */
    private readonly inService: CallList,
    private readonly stalled: () => boolean,
    private readonly done: (call: Call, now: number) => void,
  ) {}

  /** A call (already in the in-service list) starts `serviceMs` of work now. */
  add(call: Call, serviceMs: number, now: number): void {
    this.advance(now);
    call.finishWork = this.work + serviceMs;
    this.reschedule(now);
  }

  /** The set of calls in service or the stall state changed: recompute the rate and the next finish. */
  changed(now: number): void {
    this.advance(now);
    this.reschedule(now);
  }

  private advance(now: number): void {
    this.work += this.rate * (now - this.workAtMs);
    this.workAtMs = now;
  }

  private reschedule(now: number): void {
    const n = this.inService.length;
    this.rate = this.stalled() ? 0 : n <= this.cores ? 1 : this.cores / n;
    if (this.timer !== null) this.sched.cancel(this.timer);
    this.timer = null;
    if (n === 0 || this.rate === 0) return;
    let next = Number.POSITIVE_INFINITY;
    for (const c of this.inService) if (c.finishWork < next) next = c.finishWork;
    this.timer = this.sched.at(now + Math.max(0, next - this.work) / this.rate, this.tick);
  }

  private tick = (now: number): void => {
    this.timer = null;
    this.advance(now);
    // Tolerate float rounding: anything within a nanosecond of done is done.
    const finished: Call[] = [];
    for (const c of this.inService) if (c.finishWork <= this.work + 1e-6) finished.push(c);
    for (const c of finished) this.inService.delete(c);
    this.reschedule(now);
    for (const c of finished) this.done(c, now);
  };
}
