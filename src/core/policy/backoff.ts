/**
 * Backoff between failed polls, as a persistent iterator (cockatiel's `IBackoff`): a step holds the delay
 * before the next retry and makes the following step without changing itself. A poller keeps the step it is
 * on; after a success it simply starts again with `startBackoff`. Being immutable, a step can be shared or
 * replayed (same step, same draws → same next delay).
 *
 * Randomness is drawn only for jittered steps, exactly one number per step, so the number of draws (and so
 * every later draw on the same stream) depends only on how many retries happened.
 */
import type { Random } from '../random/prng.js';
import type { Backoff } from '../scenario/types.js';
import { decorrelatedJitter, equalJitter, fullJitter } from './jitter.js';

export interface BackoffStep {
  /** The wait before this retry. */
  readonly delayMs: number;
  /** The step for the retry after this one. */
  next(random: Random): BackoffStep;
}

/** The step holding the delay before the first retry (the wait after the first failure). */
export function startBackoff(b: Backoff, random: Random): BackoffStep {
  switch (b.kind) {
    case 'none':
      // The caller waits its own `onFailure.retryAfterMs` instead.
      return constantStep(0);
    case 'constant':
      return constantStep(b.delayMs);
    case 'linear':
      return linearStep(b.baseMs, b.stepMs, b.maxMs, 0);
    case 'exponential':
      if (b.jitter === 'decorrelated') {
        // AWS post: the first sleep is drawn from U(base, 3·base); the factor plays no part.
        return decorrelatedStep(b.baseMs, b.maxMs, decorrelatedJitter(b.baseMs, random, b.baseMs, b.maxMs));
      }
      return exponentialStep(b.baseMs, b.factor, b.maxMs, b.jitter, 0, random);
  }
}

function constantStep(delayMs: number): BackoffStep {
  const step: BackoffStep = { delayMs, next: () => step };
  return step;
}

/** delay_n = min(max, base + step·n). */
function linearStep(baseMs: number, stepMs: number, maxMs: number, n: number): BackoffStep {
  return {
    delayMs: Math.min(maxMs, baseMs + stepMs * n),
    next: () => linearStep(baseMs, stepMs, maxMs, n + 1),
  };
}

/** v_n = min(max, base·factor^n); a zero base stays zero even once factor^n overflows to Infinity. */
export function exponentialValue(baseMs: number, factor: number, maxMs: number, n: number): number {
  return baseMs === 0 ? 0 : Math.min(maxMs, baseMs * factor ** n);
}

function exponentialStep(
  baseMs: number,
  factor: number,
  maxMs: number,
  jitter: 'none' | 'full' | 'equal',
  n: number,
  random: Random,
): BackoffStep {
  const v = exponentialValue(baseMs, factor, maxMs, n);
  const delayMs = jitter === 'full' ? fullJitter(v, random) : jitter === 'equal' ? equalJitter(v, random) : v;
  return {
    delayMs,
    next: (r) => exponentialStep(baseMs, factor, maxMs, jitter, n + 1, r),
  };
}

function decorrelatedStep(baseMs: number, maxMs: number, delayMs: number): BackoffStep {
  return {
    delayMs,
    next: (r) => decorrelatedStep(baseMs, maxMs, decorrelatedJitter(delayMs, r, baseMs, maxMs)),
  };
}
