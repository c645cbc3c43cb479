/** Builders of normalized scenarios for tests that exercise the core without the YAML loader. */
import type { Dist } from '../../src/core/random/distributions.js';
import type { ClientPolicy, Scenario, Stage, TrafficSource } from '../../src/core/scenario/types.js';

export const NONE = Number.POSITIVE_INFINITY;

export function basePolicy(overrides: Partial<ClientPolicy> = {}): ClientPolicy {
  return {
    intervalMs: 5000,
    timeout: { connectMs: NONE, readMs: NONE, totalMs: NONE },
    retries: { count: 0, on: ['timeout', '5xx', 'refused'] },
    backoff: { kind: 'none' },
    onFailure: { log: 'error', retryAfterMs: 5000, giveUpAfter: NONE, crashOn: [] },
    ...overrides,
  };
}

export function stage(concurrency: number, service: Dist, overrides: Partial<Stage> = {}): Stage {
  return {
    concurrency,
    queue: { limit: NONE, timeoutMs: NONE, status: 503 },
    service,
    sharing: { kind: 'fifo' },
    downstreamTimeoutMs: NONE,
    cancelOnClientAbort: false,
    ...overrides,
  };
}

export function poissonSource(ratePerSec: number, endpoint = 'e', client?: ClientPolicy): TrafficSource {
  return { endpoint, arrival: { kind: 'poisson', ratePerSec }, keys: 1000, ...(client ? { client } : {}) };
}

/** One stage `s`, one endpoint `e` through it, one Poisson source `load`. */
export function singleStage(opts: {
  concurrency: number;
  service: Dist;
  ratePerSec: number;
  durationMs: number;
  policy?: ClientPolicy;
  stage?: Partial<Stage>;
  faults?: Scenario['faults'];
  seed?: number;
}): Scenario {
  return {
    name: 'single-stage',
    seed: opts.seed ?? 1,
    durationMs: opts.durationMs,
    bucketMs: Math.max(1000, Math.ceil(opts.durationMs / 2000 / 1000) * 1000),
    backend: {
      endpoints: { e: { method: 'GET', path: '/e', stages: ['s'] } },
      stages: { s: stage(opts.concurrency, opts.service, opts.stage) },
    },
    workload: { traffic: { load: poissonSource(opts.ratePerSec) } },
    faults: opts.faults ?? [],
    policies: { default: opts.policy ?? basePolicy() },
    thresholds: {},
  };
}
