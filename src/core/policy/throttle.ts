/**
 * Adaptive client-side throttling (Google SRE book, ch. 21 "Handling Overload"). Each client tracks, over a
 * recent window, `requests` (attempted by the application, including those it rejected itself) and
 * `accepts` (requests the backend actually processed), and rejects a new request locally with probability
 *
 *   p = max(0, (requests − k · accepts) / (requests + 1)).
 *
 * While the backend accepts at least 1/k of the traffic nothing is rejected; beyond that, local rejections
 * keep the load reaching the backend near k · accepts. Counting local rejections as requests is what makes
 * p climb towards 1 while the backend keeps refusing, as the book describes. The book's window is two
 * minutes; here it is the policy's `windowMs`.
 */
import type { Random } from '../random/prng.js';
import type { Throttle } from '../scenario/types.js';
import { SlidingCounts } from './sliding-window.js';

export interface AdaptiveThrottle {
  rejectProbability(now: number): number;
  /** Draws one number; `false` is a local rejection, counted as a request and never sent. */
  allow(now: number, random: Random): boolean;
  /**
   * Records a request that was sent: `accepted` when the backend processed it, `false` when it refused it
   * (overload answers such as 503/429, or no answer in time). The caller decides the mapping.
   */
  record(now: number, accepted: boolean): void;
}

const REQUESTS = 0;
const ACCEPTS = 1;

export function createAdaptiveThrottle(t: Throttle): AdaptiveThrottle {
  const counts = new SlidingCounts(t.windowMs, 2);
  const rejectProbability = (now: number): number => {
    const requests = counts.sum(now, REQUESTS);
    const accepts = counts.sum(now, ACCEPTS);
    return Math.max(0, (requests - t.k * accepts) / (requests + 1));
  };
  return {
    rejectProbability,
    allow(now, random) {
      if (random.next() >= rejectProbability(now)) return true;
      counts.add(now, REQUESTS);
      return false;
    },
    record(now, accepted) {
      counts.add(now, REQUESTS);
      if (accepted) counts.add(now, ACCEPTS);
    },
  };
}
