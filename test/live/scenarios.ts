/** Small scenarios for the live engine's tests, as scenario-file values (the loader normalizes them). */
import { scenarioFromValue } from '../../src/core/scenario/index.js';
import type { Scenario } from '../../src/core/scenario/types.js';

export function scenario(raw: Record<string, unknown>): Scenario {
  const r = scenarioFromValue(raw);
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.scenario;
}

/**
 * Cross-validation: a two-stage backend (api → postgrest), 20 Celery workers polling every 2 s with a
 * 5 s read timeout, a 15 s PostgREST stall and a 20 s latency fault, over 2 minutes.
 */
export function crossValidation(): Scenario {
  return scenario({
    name: 'cross-validation',
    seed: 7,
    duration: '2m',
    backend: {
      endpoints: { events: { method: 'GET', path: '/jobs/:jobId/events', stages: ['api', 'postgrest'] } },
      stages: {
        api: { concurrency: 40, service: '5ms', downstreamTimeout: '30s' },
        postgrest: {
          concurrency: 6,
          queue: { timeout: '10s', status: 504 },
          service: { dist: 'lognormal', median: '100ms', p95: '300ms' },
        },
      },
    },
    workload: {
      fleet: {
        workers: 20,
        endpoint: 'events',
        jobs: {
          arrival: { kind: 'batch', count: 400 },
          runtime: { dist: 'lognormal', median: '15s', p95: '40s' },
        },
      },
    },
    faults: [
      { kind: 'stall', stage: 'postgrest', at: '40s', for: '15s' },
      {
        kind: 'latency',
        stage: 'postgrest',
        at: '80s',
        for: '20s',
        latency: { dist: 'uniform', min: '100ms', max: '300ms' },
      },
    ],
    policies: {
      default: { interval: '2s', timeout: { read: '5s' }, backoff: 'none', onFailure: { log: 'error' } },
    },
  });
}
