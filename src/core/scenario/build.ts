/**
 * Builders of normalized values for code that skips the scenario file: benchmarks, tests, embedders.
 * Unbounded means Infinity, as in the loader's output. The client policy here has no timeouts at all
 * (not the seed's 60 s read timeout a scenario file defaults to), so a caller states the one it wants.
 */
import type { Dist } from '../random/distributions.js';
import type { ClientPolicy, Stage } from './types.js';

export const UNBOUNDED = Number.POSITIVE_INFINITY;

export function clientPolicy(overrides: Partial<ClientPolicy> = {}): ClientPolicy {
  return {
    intervalMs: 5000,
    timeout: { connectMs: UNBOUNDED, readMs: UNBOUNDED, totalMs: UNBOUNDED },
    retries: { count: 0, on: ['timeout', '5xx', 'refused'] },
    backoff: { kind: 'none' },
    onFailure: { log: 'error', retryAfterMs: 5000, giveUpAfter: UNBOUNDED, crashOn: [] },
    ...overrides,
  };
}

export function stageConfig(concurrency: number, service: Dist, overrides: Partial<Stage> = {}): Stage {
  return {
    concurrency,
    queue: { limit: UNBOUNDED, timeoutMs: UNBOUNDED, status: 503 },
    service,
    sharing: { kind: 'fifo' },
    downstreamTimeoutMs: UNBOUNDED,
    cancelOnClientAbort: false,
    ...overrides,
  };
}
