/**
 * Jitter for exponential backoff, after Marc Brooker's "Exponential Backoff and Jitter" (AWS Architecture
 * Blog, 2015). Jitter spreads the retries of clients that failed together, so they do not come back as one
 * synchronized wave; the post compares the three variants below by total work and completion time.
 *
 * Each function draws exactly one number from `random`: a policy's draws must not depend on which branch a
 * value took, so that two runs on the same seed stay comparable.
 */
import type { Random } from '../random/prng.js';

/** "Full jitter": sleep = U(0, v). */
export function fullJitter(valueMs: number, random: Random): number {
  return random.next() * valueMs;
}

/** "Equal jitter": sleep = v/2 + U(0, v/2); keeps half the backoff, so the delay never drops to ~0. */
export function equalJitter(valueMs: number, random: Random): number {
  const half = valueMs / 2;
  return half + random.next() * half;
}

/**
 * "Decorrelated jitter": sleep = min(cap, U(base, 3·prev)), where prev is the previous sleep (base at first).
 * It grows from the previous *jittered* value rather than from the attempt number, so it needs no factor.
 */
export function decorrelatedJitter(prevMs: number, random: Random, baseMs: number, maxMs: number): number {
  const high = 3 * prevMs;
  return Math.min(maxMs, baseMs + random.next() * (high - baseMs));
}
