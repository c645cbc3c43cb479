/**
 * The stateful parts of a client policy that outlive one request: a retry budget, a circuit breaker and an
 * adaptive throttle. One `ClientGates` belongs to one client (a traffic source, a worker process); a breaker
 * with `scope: fleet` is one instance shared by every worker's gates.
 */
import type { CircuitBreaker } from '../policy/breaker.js';
import type { RetryBudget } from '../policy/budget.js';
import type { Random } from '../random/prng.js';

export interface AdaptiveThrottleLike {
  allow(now: number, random: Random): boolean;
  record(now: number, accepted: boolean): void;
}

export class ClientGates {
  constructor(
    private readonly random: Random,
    private readonly budget: RetryBudget | null = null,
    private readonly breaker: CircuitBreaker | null = null,
    private readonly throttle: AdaptiveThrottleLike | null = null,
  ) {}

  /** May an attempt go out now? Returns who refused it, or null. Counts it for the budget when it goes. */
  admit(now: number, isRetry: boolean): 'breaker' | 'throttle' | null {
    if (this.breaker !== null && !this.breaker.allow(now)) return 'breaker';
    if (this.throttle !== null && !this.throttle.allow(now, this.random)) return 'throttle';
    this.budget?.recordAttempt(now, isRetry);
    return null;
  }

  canRetry(now: number): boolean {
    return this.budget === null || this.budget.canRetry(now);
  }

  outcome(now: number, ok: boolean): void {
    this.budget?.recordOutcome(now, ok);
    if (this.breaker !== null) {
      if (ok) this.breaker.success(now);
      else this.breaker.failure(now);
    }
    this.throttle?.record(now, ok);
  }
}
