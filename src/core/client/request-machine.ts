/**
 * One logical client request — a poll, a UI page load — as a sans-IO state machine. It takes events
 * (start, an attempt's result, a wake-up after a retry sleep) and returns the next action (send an attempt,
 * sleep until t, done). It never sends, sleeps or reads a clock itself: the engine does that, with virtual
 * time in the simulator and real sockets in the live engine, and feeds the results back.
 *
 * Retries follow urllib3's `Retry`: `count` retries on the failure kinds in `on`; the sleep before retry n
 * is `backoffFactor·2^(n−1)` with the first retry at once, or a `backoff` strategy. Before every attempt the
 * shared gates are asked: a circuit breaker and an adaptive throttle may refuse locally, and a retry budget
 * may refuse a retry.
 */
import type { Random } from '../random/prng.js';
import { type BackoffStep, startBackoff } from '../policy/backoff.js';
import { urllib3SleepMs } from '../policy/retry-sleep.js';
import type { ClientPolicy, FailureKind } from '../scenario/types.js';
import type { ClientGates } from './gates.js';

/** What happened to one HTTP attempt. */
export type AttemptResult =
  | { kind: 'response'; status: number; latencyMs: number }
  | { kind: 'timeout'; which: 'connect' | 'read' | 'total'; latencyMs: number }
  | { kind: 'refused'; latencyMs: number };

/** How an attempt's result is classified for retries, breakers and metrics. */
export type AttemptClass = 'ok' | FailureKind | '4xx';

export function classify(result: AttemptResult): AttemptClass {
  if (result.kind === 'timeout') return 'timeout';
  if (result.kind === 'refused') return 'refused';
  if (result.status < 400) return 'ok';
  return result.status >= 500 ? '5xx' : '4xx';
}

export type RequestOutcome =
  | { kind: 'ok'; attempts: number; latencyMs: number }
  /** The last attempt failed; `retryDenied` when a budget refused a retry that the policy wanted. */
  | { kind: 'failed'; failure: FailureKind | '4xx'; attempts: number; retryDenied: boolean }
  /** A breaker or throttle refused locally before any attempt was sent. */
  | { kind: 'rejected'; attempts: number; by: 'breaker' | 'throttle' };

export type RequestAction =
  | { kind: 'send'; attempt: number }
  | { kind: 'sleep'; untilMs: number }
  | { kind: 'done'; outcome: RequestOutcome };

export class RequestMachine {
  private attempts = 0;
  private startedAtMs = 0;
  private backoff: BackoffStep | null = null;

  constructor(
    private readonly policy: ClientPolicy,
    private readonly gates: ClientGates,
    private readonly random: Random,
  ) {}

  start(now: number): RequestAction {
    this.startedAtMs = now;
    return this.attempt(now);
  }

  /** The sleep before a retry is over. */
  wake(now: number): RequestAction {
    return this.attempt(now);
  }

  result(now: number, result: AttemptResult): RequestAction {
    const cls = classify(result);
    const ok = cls === 'ok';
    this.gates.outcome(now, ok);
    if (ok) return { kind: 'done', outcome: { kind: 'ok', attempts: this.attempts, latencyMs: now - this.startedAtMs } };
    const retries = this.policy.retries;
    const wanted = cls !== '4xx' && this.attempts <= retries.count && retries.on.includes(cls);
    if (!wanted) return this.failed(cls, false);
    if (!this.gates.canRetry(now)) return this.failed(cls, true);
    const sleepMs = this.retrySleepMs();
    return sleepMs > 0 ? { kind: 'sleep', untilMs: now + sleepMs } : this.attempt(now);
  }

  private failed(failure: FailureKind | '4xx', retryDenied: boolean): RequestAction {
    return { kind: 'done', outcome: { kind: 'failed', failure, attempts: this.attempts, retryDenied } };
  }

  private attempt(now: number): RequestAction {
    const refusal = this.gates.admit(now, this.attempts > 0);
    if (refusal !== null) return { kind: 'done', outcome: { kind: 'rejected', attempts: this.attempts, by: refusal } };
    this.attempts++;
    return { kind: 'send', attempt: this.attempts };
  }

  /** The sleep before retry number `attempts` (1 = first retry). */
  private retrySleepMs(): number {
    const r = this.policy.retries;
    if (r.backoff !== undefined && r.backoff.kind !== 'none') {
      this.backoff = this.backoff === null ? startBackoff(r.backoff, this.random) : this.backoff.next(this.random);
      return this.backoff.delayMs;
    }
    if (r.backoffFactorMs !== undefined) return urllib3SleepMs(this.attempts, r.backoffFactorMs);
    return 0;
  }
}
