/**
 * A Celery task's progress poller as a sans-IO state machine — the `_poll_backend_progress()` loop of the
 * incident. It takes events (start, the outcome of a poll or create request, a wake-up) and returns
 * actions (send a request, log, sleep, finish). It never touches a socket or a clock: the engines run the
 * requests (each one a RequestMachine, so urllib3-style retries live inside one poll) and the timers.
 *
 * After a successful poll it sleeps `interval`; once a poll shows the job terminal, the task completes.
 * After a failed poll it logs at the policy's level, then: a failure kind listed in `crashOn` escapes
 * the loop and crashes the worker process; `giveUpAfter` consecutive failures fail the task; otherwise it
 * waits — `onFailure.retryAfter` with backoff `none` (the seed's fixed 5 s), or the backoff's next delay.
 */
import type { RequestOutcome } from '../client/request-machine.js';
import { type BackoffStep, startBackoff } from '../policy/backoff.js';
import type { Random } from '../random/prng.js';
import type { ClientPolicy, FailureKind, LogLevel } from '../scenario/types.js';

export type PollerFailure = FailureKind | '4xx' | 'rejected';

export type PollerAction =
  | { kind: 'request'; endpoint: 'create' | 'poll' }
  | { kind: 'log'; level: LogLevel; failure: PollerFailure; consecutive: number }
  | { kind: 'sleep'; untilMs: number }
  | { kind: 'done'; outcome: 'completed' | 'failed' }
  /** An exception the task does not catch: the worker process dies. */
  | { kind: 'crash'; failure: PollerFailure };

export function failureOf(outcome: RequestOutcome): PollerFailure | null {
  if (outcome.kind === 'ok') return null;
  return outcome.kind === 'rejected' ? 'rejected' : outcome.failure;
}

export class Poller {
  private phase: 'create' | 'poll' | 'done';
  private consecutiveFailures = 0;
  private backoff: BackoffStep | null = null;
  polls = 0;

  constructor(
    private readonly policy: ClientPolicy,
    private readonly random: Random,
    /** Does the task first call a create endpoint? */
    withCreate: boolean,
  ) {
    this.phase = withCreate ? 'create' : 'poll';
  }

  start(_now: number): PollerAction[] {
    return [this.request()];
  }

  wake(_now: number): PollerAction[] {
    return [this.request()];
  }

  /**
   * A create or poll request finished. `terminal` says whether a successful poll showed the job in a
   * terminal state (ignored for failures and for create).
   */
  result(now: number, outcome: RequestOutcome, terminal: boolean): PollerAction[] {
    const failure = failureOf(outcome);
    if (failure === null) {
      this.consecutiveFailures = 0;
      this.backoff = null;
      if (this.phase === 'create') {
        this.phase = 'poll';
        return [this.request()];
      }
      if (terminal) {
        this.phase = 'done';
        return [{ kind: 'done', outcome: 'completed' }];
      }
      return [{ kind: 'sleep', untilMs: now + this.policy.intervalMs }];
    }
    this.consecutiveFailures++;
    const onFailure = this.policy.onFailure;
    // A local refusal (breaker open, throttle) is not an exception from requests: nothing is logged at the
    // policy's level, and it never crashes the worker.
    const log: PollerAction = {
      kind: 'log',
      level: failure === 'rejected' ? 'info' : onFailure.log,
      failure,
      consecutive: this.consecutiveFailures,
    };
    if (failure !== 'rejected' && failure !== '4xx' && onFailure.crashOn.includes(failure)) {
      this.phase = 'done';
      return [log, { kind: 'crash', failure }];
    }
    if (this.consecutiveFailures >= onFailure.giveUpAfter) {
      this.phase = 'done';
      return [log, { kind: 'done', outcome: 'failed' }];
    }
    return [log, { kind: 'sleep', untilMs: now + this.failureDelayMs() }];
  }

  private request(): PollerAction {
    if (this.phase === 'poll') this.polls++;
    return { kind: 'request', endpoint: this.phase === 'create' ? 'create' : 'poll' };
  }

  private failureDelayMs(): number {
    const b = this.policy.backoff;
    if (b.kind === 'none') return this.policy.onFailure.retryAfterMs;
    this.backoff = this.backoff === null ? startBackoff(b, this.random) : this.backoff.next(this.random);
    return this.backoff.delayMs;
  }
}
