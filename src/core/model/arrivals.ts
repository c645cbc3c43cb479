/**
 * Open-loop arrival processes: arrivals come at a rate whatever happens to earlier requests.
 * Poisson arrivals redraw their next gap whenever the rate changes, which is exact because the
 * exponential distribution is memoryless; ramps (`stages`) use thinning (Lewis & Shedler, 1979).
 */
import type { Random } from '../random/prng.js';
import type { Scheduler, Timer } from '../scheduler.js';
import type { Arrival } from '../scenario/types.js';
import type { LoadTarget } from './fault-timeline.js';

export class ArrivalProcess implements LoadTarget {
  private readonly factors = new Map<number, number>();
  private factor = 1;
  private timer: Timer | null = null;
  private emitted = 0;
  private lastArrivalMs = 0;
  private readonly limit: number;

  constructor(
    readonly name: string,
    private readonly arrival: Arrival,
    private readonly sched: Scheduler,
    private readonly random: Random,
    private readonly onArrival: (now: number, index: number) => void,
  ) {
    this.limit = 'count' in arrival ? (arrival.count ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  }

  start(): void {
    const a = this.arrival;
    if (a.kind === 'batch') {
      this.sched.at(a.atMs, (now) => {
        for (let i = 0; i < a.count; i++) this.onArrival(now, this.emitted++);
      });
      return;
    }
    this.scheduleNext(this.sched.now());
  }

  setLoadFactor(id: number, factor: number | null, now: number): void {
    if (factor === null) this.factors.delete(id);
    else this.factors.set(id, factor);
    let f = 1;
    for (const x of this.factors.values()) f *= x;
    this.factor = f;
    if (this.arrival.kind === 'batch' || this.emitted >= this.limit) return;
    if (this.timer !== null) this.sched.cancel(this.timer);
    this.timer = null;
    this.scheduleNext(now);
  }

  /** The base rate at `t` (before load faults), per ms. */
  private ratePerMs(t: number): number {
    const a = this.arrival;
    switch (a.kind) {
      case 'constant':
      case 'poisson':
        return a.ratePerSec / 1000;
      case 'stages': {
        let from = a.startRatePerSec;
        let t0 = 0;
        for (const s of a.stages) {
          if (t < t0 + s.durationMs) return (from + ((s.ratePerSec - from) * (t - t0)) / s.durationMs) / 1000;
          from = s.ratePerSec;
          t0 += s.durationMs;
        }
        return from / 1000;
      }
      case 'batch':
        return 0;
    }
  }

  private scheduleNext(now: number): void {
    if (this.emitted >= this.limit) return;
    const at = this.nextArrivalAfter(now);
    if (at === Number.POSITIVE_INFINITY) return;
    this.timer = this.sched.at(at, this.fire);
  }

  private fire = (now: number): void => {
    this.timer = null;
    this.lastArrivalMs = now;
    this.onArrival(now, this.emitted++);
    this.scheduleNext(now);
  };

  private nextArrivalAfter(now: number): number {
    const a = this.arrival;
    if (a.kind === 'constant') {
      const rate = this.ratePerMs(now) * this.factor;
      if (rate <= 0) return Number.POSITIVE_INFINITY;
      // Deterministic spacing; after a rate change the next arrival keeps its phase from the last one.
      return this.emitted === 0 ? now : Math.max(now, this.lastArrivalMs + 1 / rate);
    }
    if (a.kind === 'poisson') {
      const rate = this.ratePerMs(now) * this.factor;
      if (rate <= 0) return Number.POSITIVE_INFINITY;
      return now - Math.log(1 - this.random.next()) / rate;
    }
    // Thinning against the highest rate the ramp reaches.
    if (a.kind !== 'stages') return Number.POSITIVE_INFINITY;
    const rampEnd = a.stages.reduce((s, x) => s + x.durationMs, 0);
    const maxRate = Math.max(a.startRatePerSec, ...a.stages.map((s) => s.ratePerSec)) / 1000;
    const lastRate = (a.stages[a.stages.length - 1]?.ratePerSec ?? a.startRatePerSec) / 1000;
    if (maxRate <= 0) return Number.POSITIVE_INFINITY;
    let t = now;
    for (let i = 0; i < 1_000_000; i++) {
      if (t >= rampEnd && lastRate <= 0) return Number.POSITIVE_INFINITY;
      t += -Math.log(1 - this.random.next()) / (maxRate * this.factor);
      if (this.random.next() * maxRate <= this.ratePerMs(t)) return t;
    }
    return Number.POSITIVE_INFINITY;
  }
}
