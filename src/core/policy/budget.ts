/**
 * Retry budgets: a cap on retries shared by every request a client makes, so that a failing backend sees
 * at most a bounded amount of extra load instead of (1 + retries)× its normal traffic.
 */
import type { Budget } from '../scenario/types.js';
import { SlidingCounts } from './sliding-window.js';

export interface RetryBudget {
  readonly kind: string;
  /** Called for every attempt actually sent: the first one of a request, or a retry. */
  recordAttempt(now: number, isRetry: boolean): void;
  /** Called with each attempt's result; what counts as a failure is the caller's choice. */
  recordOutcome(now: number, ok: boolean): void;
  /** Whether a retry may be sent now. Does not spend anything: send it, then `recordAttempt(now, true)`. */
  canRetry(now: number): boolean;
}

export function createBudget(b: Budget): RetryBudget {
  switch (b.kind) {
    case 'token-bucket':
      return new TokenBucketBudget(b.maxTokens, b.tokenRatio);
    case 'ratio':
      return new RatioBudget(b.ratio, b.windowMs, b.minPerSec);
  }
}

/**
 * gRPC retry throttling (gRFC A6 "Client Retries", §Throttling Retry Attempts and Hedged RPCs): the token
 * count starts at max_tokens; each failure takes one token (not below 0), each success gives back
 * token_ratio (not above max_tokens); retries are refused while tokens ≤ max_tokens / 2. The gRFC gives
 * token_ratio to three decimal places, so the count is kept in integer thousandths of a token (as grpc-java
 * does): long runs cannot drift through floating-point rounding. Time plays no part.
 */
export class TokenBucketBudget implements RetryBudget {
  readonly kind = 'token-bucket';
  private readonly maxMilli: number;
  private readonly ratioMilli: number;
  private milli: number;

  constructor(maxTokens: number, tokenRatio: number) {
    this.maxMilli = Math.round(maxTokens * 1000);
    this.ratioMilli = Math.round(tokenRatio * 1000);
    this.milli = this.maxMilli;
  }

  /** The current token count (exposed for tests and reports). */
  get tokens(): number {
    return this.milli / 1000;
  }

  recordAttempt(_now: number, _isRetry: boolean): void {}

  recordOutcome(_now: number, ok: boolean): void {
    this.milli = ok ? Math.min(this.maxMilli, this.milli + this.ratioMilli) : Math.max(0, this.milli - 1000);
  }

  canRetry(_now: number): boolean {
    return this.milli * 2 > this.maxMilli;
  }
}

const FIRST = 0;
const RETRY = 1;

/**
 * A ratio budget (Finagle's RetryBudget, described in the SRE book ch. 22 as the per-client retry budget):
 * over the last `windowMs`, retries may be at most `ratio` of first attempts, plus a floor of `minPerSec`
 * retries per second so that a client with little traffic can still retry at all. A retry is allowed when
 * retries + 1 ≤ ratio · firstAttempts + minPerSec · windowMs / 1000. Outcomes play no part: the budget bounds
 * the extra load whether or not the retries would succeed.
 */
export class RatioBudget implements RetryBudget {
  readonly kind = 'ratio';
  private readonly counts: SlidingCounts;
  private readonly floor: number;

  constructor(
    private readonly ratio: number,
    windowMs: number,
    minPerSec: number,
  ) {
    this.counts = new SlidingCounts(windowMs, 2);
    this.floor = (minPerSec * windowMs) / 1000;
  }

  recordAttempt(now: number, isRetry: boolean): void {
    this.counts.add(now, isRetry ? RETRY : FIRST);
  }

  recordOutcome(_now: number, _ok: boolean): void {}

  canRetry(now: number): boolean {
    const firsts = this.counts.sum(now, FIRST);
    const retries = this.counts.sum(now, RETRY);
    return retries + 1 <= this.ratio * firsts + this.floor;
  }
}
