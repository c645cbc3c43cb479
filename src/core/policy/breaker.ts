/**
 * Circuit breakers (cockatiel's ConsecutiveBreaker and SamplingBreaker, with the clock as a parameter).
 *
 * Closed: calls pass and outcomes are counted. Open: calls are refused for `halfOpenAfterMs`. Then half-open:
 * `allow` lets exactly one probe through and refuses everything else until that probe reports; its success
 * closes the breaker (forgetting the past), its failure opens it for another `halfOpenAfterMs`.
 *
 * Outcomes reported while open, or while half-open before the probe was let through, come from calls sent
 * before the breaker opened and are ignored (cockatiel likewise only acts on the probe's result). While a probe
 * is out, the first outcome reported is taken as the probe's: the interface carries no call identity, and a
 * caller that sends nothing else while half-open cannot be told apart.
 *
 * The open → half-open transition is computed from `now`, so `state(now)` needs no timer.
 */
import type { Breaker } from '../scenario/types.js';
import { SlidingCounts } from './sliding-window.js';

export type BreakerState = 'closed' | 'open' | 'halfOpen';

export interface CircuitBreaker {
  state(now: number): BreakerState;
  /** Whether a call may be sent now; in half-open, `true` hands out the single probe. */
  allow(now: number): boolean;
  success(now: number): void;
  failure(now: number): void;
}

export function createBreaker(b: Breaker): CircuitBreaker {
  switch (b.kind) {
    case 'consecutive':
      return new ConsecutiveBreaker(b.failures, b.halfOpenAfterMs);
    case 'sampling':
      return new SamplingBreaker(b.threshold, b.windowMs, b.minimumRps, b.halfOpenAfterMs);
  }
}

/** The open / half-open / probe machinery; subclasses decide when a closed breaker opens. */
abstract class BaseBreaker implements CircuitBreaker {
  private closed = true;
  private openedAt = 0;
  private probeOut = false;

  constructor(private readonly halfOpenAfterMs: number) {}

  /** Counts an outcome while closed; returns true when the breaker should open. */
  protected abstract recordClosed(now: number, ok: boolean): boolean;
  /** Forgets all counts (on closing after a successful probe). */
  protected abstract reset(): void;

  state(now: number): BreakerState {
    if (this.closed) return 'closed';
    return this.probeOut || now - this.openedAt >= this.halfOpenAfterMs ? 'halfOpen' : 'open';
  }

  allow(now: number): boolean {
    const state = this.state(now);
    if (state === 'closed') return true;
    if (state === 'open' || this.probeOut) return false;
    this.probeOut = true;
    return true;
  }

  success(now: number): void {
    if (this.closed) {
      this.recordClosed(now, true);
    } else if (this.probeOut) {
      // As cockatiel does: forget the failures that opened the breaker, then count the probe's success.
      this.probeOut = false;
      this.closed = true;
      this.reset();
      this.recordClosed(now, true);
    }
  }

  failure(now: number): void {
    if (this.closed) {
      if (this.recordClosed(now, false)) this.open(now);
    } else if (this.probeOut) {
      this.probeOut = false;
      this.open(now);
    }
  }

  private open(now: number): void {
    this.closed = false;
    this.openedAt = now;
  }
}

/** Opens after `failures` failures in a row; any success in between starts the count again. */
export class ConsecutiveBreaker extends BaseBreaker {
  private run = 0;

  constructor(
    private readonly failures: number,
    halfOpenAfterMs: number,
  ) {
    super(halfOpenAfterMs);
  }

  protected recordClosed(_now: number, ok: boolean): boolean {
    this.run = ok ? 0 : this.run + 1;
    return this.run >= this.failures;
  }

  protected reset(): void {
    this.run = 0;
  }
}

const SUCCESSES = 0;
const FAILURES = 1;

/**
 * Opens when, over the last `windowMs`, at least `threshold` of the calls failed, provided there were at least
 * minimumRps · windowMs / 1000 calls: under light load a few failures say little, and opening would only
 * hurt. Like cockatiel, the check runs on each failure.
 */
export class SamplingBreaker extends BaseBreaker {
  private readonly counts: SlidingCounts;
  private readonly minimumCalls: number;

  constructor(
    private readonly threshold: number,
    windowMs: number,
    minimumRps: number,
    halfOpenAfterMs: number,
  ) {
    super(halfOpenAfterMs);
    this.counts = new SlidingCounts(windowMs, 2);
    this.minimumCalls = (minimumRps * windowMs) / 1000;
  }

  protected recordClosed(now: number, ok: boolean): boolean {
    this.counts.add(now, ok ? SUCCESSES : FAILURES);
    if (ok) return false;
    const failures = this.counts.sum(now, FAILURES);
    const calls = failures + this.counts.sum(now, SUCCESSES);
    return calls >= this.minimumCalls && failures >= this.threshold * calls;
  }

  protected reset(): void {
    this.counts.clear();
  }
}
