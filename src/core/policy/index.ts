export { type BackoffStep, exponentialValue, startBackoff } from './backoff.js';
export {
  type BreakerState,
  type CircuitBreaker,
  ConsecutiveBreaker,
  createBreaker,
  SamplingBreaker,
} from './breaker.js';
export { createBudget, RatioBudget, type RetryBudget, TokenBucketBudget } from './budget.js';
export { decorrelatedJitter, equalJitter, fullJitter } from './jitter.js';
export { celeryCountdownMs, URLLIB3_BACKOFF_MAX_MS, urllib3SleepMs } from './retry-sleep.js';
export { SlidingCounts } from './sliding-window.js';
export { type AdaptiveThrottle, createAdaptiveThrottle } from './throttle.js';
