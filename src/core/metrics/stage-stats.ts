/**
 * Counters of one backend stage, in constant memory. Means are kept as exact sums (queueing-theory
 * checks compare means to 3%); percentiles come from an HDR histogram.
 */
import { LatencyHistogram } from './histogram.js';

export class StageStats {
  arrivals = 0;
  served = 0;
  rejected = 0;
  /** Requests answered with an injected `errors` fault status. */
  injectedErrors = 0;
  /** Requests refused by a `down` fault. */
  refused = 0;
  /** Served after their client had given up. */
  abandoned = 0;
  /** Dropped mid-way because the client gave up and the stage cancels on abort. */
  cancelled = 0;
  wastedMs = 0;
  readonly wait = new LatencyHistogram();
  queueMax = 0;
  inflightMax = 0;
  /** Max queue length and in-flight count since the last time-series bucket closed. */
  bucketQueueMax = 0;
  bucketInflightMax = 0;
  /** ∫ in-flight dt: slot-milliseconds held (utilization, and Little's law: L = λW). */
  private slotMs = 0;
  /** ∫ queue length dt. */
  private queueMs = 0;
  private lastChangeMs = 0;
  private inflight = 0;
  private queued = 0;

  /** Called before any change of in-flight or queue length so the integrals stay exact. */
  private advance(now: number): void {
    const dt = now - this.lastChangeMs;
    if (dt > 0) {
      this.slotMs += this.inflight * dt;
      this.queueMs += this.queued * dt;
      this.lastChangeMs = now;
    }
  }

  setInflight(now: number, inflight: number): void {
    this.advance(now);
    this.inflight = inflight;
    if (inflight > this.inflightMax) this.inflightMax = inflight;
    if (inflight > this.bucketInflightMax) this.bucketInflightMax = inflight;
  }

  setQueued(now: number, queued: number): void {
    this.advance(now);
    this.queued = queued;
    if (queued > this.queueMax) this.queueMax = queued;
    if (queued > this.bucketQueueMax) this.bucketQueueMax = queued;
  }

  /** Starts a new time-series bucket: its maxima begin at the current values. */
  resetBucket(): void {
    this.bucketQueueMax = this.queued;
    this.bucketInflightMax = this.inflight;
  }

  /** Mean slots held over [0, now]. */
  meanInflight(now: number): number {
    this.advance(now);
    return now > 0 ? this.slotMs / now : 0;
  }

  /** Mean queue length over [0, now]. */
  meanQueued(now: number): number {
    this.advance(now);
    return now > 0 ? this.queueMs / now : 0;
  }
}
