/**
 * Sleeps between retries as two Python libraries compute them: urllib3 `Retry` (under `requests`) within one
 * request, and Celery's task autoretry between task runs. Pollers built on them retry on these schedules, not
 * an idealized backoff, and it is these sleeps that set the retry load a stalled backend sees.
 */
import type { Random } from '../random/prng.js';

/** urllib3's `Retry.DEFAULT_BACKOFF_MAX` (120 s; `Retry.BACKOFF_MAX` before 2.0). */
export const URLLIB3_BACKOFF_MAX_MS = 120_000;

/**
 * urllib3 `Retry.get_backoff_time()`: with n the number of consecutive errors so far (n = 1 before the first
 * retry), the sleep is 0 for n ≤ 1, else min(backoff_max, backoff_factor · 2^(n−1)); so retries 1, 2, 3, 4
 * sleep 0, 2f, 4f, 8f. The 120 s cap is urllib3's default and only bites for large factors or retry counts.
 */
export function urllib3SleepMs(
  retryNumber: number,
  backoffFactorMs: number,
  backoffMaxMs: number = URLLIB3_BACKOFF_MAX_MS,
): number {
  if (retryNumber <= 1) return 0;
  return Math.max(0, Math.min(backoffMaxMs, backoffFactorMs * 2 ** (retryNumber - 1)));
}

/**
 * Celery `celery.utils.time.get_exponential_backoff_interval(factor, retries, maximum, full_jitter)`, used by
 * `autoretry_for` with `retry_backoff`: countdown = min(maximum, factor · 2^retries) in seconds, where
 * `retries` is 0 for the first retry; with `retry_jitter` it becomes `random.randrange(countdown + 1)`, a whole
 * number of seconds in [0, countdown]. Python's randrange draws an integer below n; we take floor(u·n), one
 * draw, with n = floor(countdown) + 1 (randrange needs an integer). No draw without jitter.
 */
export function celeryCountdownMs(
  retries: number,
  factorMs: number,
  maxMs: number,
  jitter: boolean,
  random: Random,
): number {
  const countdownMs = Math.max(0, Math.min(maxMs, factorMs * 2 ** retries));
  if (!jitter) return countdownMs;
  return Math.floor(random.next() * (Math.floor(countdownMs / 1000) + 1)) * 1000;
}
