/**
 * Policies run side by side on common random numbers: the same seed gives every policy the same job
 * arrivals, runtimes and fault realizations, and adding a policy changes nothing in the others' runs.
 */
import { describe, expect, it } from 'vitest';
import type { ClientPolicy, Scenario } from '../../src/core/scenario/types.js';
import { simulateScenario } from '../../src/engine/sim/index.js';
import { basePolicy, stage } from '../support/scenario.js';

const NONE = Number.POSITIVE_INFINITY;

function scenario(policies: Record<string, ClientPolicy>): Scenario {
  return {
    name: 'side-by-side',
    seed: 9,
    durationMs: 20 * 60_000,
    bucketMs: 5000,
    backend: {
      endpoints: { events: { method: 'GET', path: '/events', stages: ['api', 'db'] } },
      stages: {
        api: stage(8, { dist: 'fixed', value: 2 }, { downstreamTimeoutMs: 30_000 }),
        db: stage(4, { dist: 'lognormal', mu: Math.log(40), sigma: 0.7 }),
      },
    },
    workload: {
      fleet: {
        workers: 6,
        endpoint: 'events',
        jobs: { arrival: { kind: 'poisson', ratePerSec: 0.1 }, runtime: { dist: 'lognormal', mu: Math.log(60_000), sigma: 0.5 } },
        crash: { restartAfterMs: 10_000, redeliver: true },
      },
      traffic: { ui: { endpoint: 'events', arrival: { kind: 'poisson', ratePerSec: 20 }, keys: 100 } },
    },
    faults: [{ kind: 'errors', stage: 'db', atMs: 300_000, forMs: 60_000, status: 503, rate: 0.5 }],
    policies,
    thresholds: {},
  };
}

const seedPolicy = basePolicy({ timeout: { connectMs: NONE, readMs: 10_000, totalMs: NONE } });
const jittered = basePolicy({
  timeout: { connectMs: NONE, readMs: 10_000, totalMs: NONE },
  backoff: { kind: 'exponential', baseMs: 1000, factor: 2, maxMs: 30_000, jitter: 'full' },
  retries: { count: 2, on: ['5xx'], backoffFactorMs: 200 },
});

describe('side-by-side runs', () => {
  it('adding a policy leaves the other policies’ runs byte-identical', () => {
    const one = simulateScenario(scenario({ seed: seedPolicy }));
    const two = simulateScenario(scenario({ seed: seedPolicy, jittered }));
    expect(JSON.stringify(two.runs[0]), 'the seed policy run').toBe(JSON.stringify(one.runs[0]));
  });

  it('every policy sees the same job arrivals', () => {
    const s = simulateScenario(scenario({ seed: seedPolicy, jittered }));
    const [a, b] = s.runs;
    expect(a?.metrics['jobs.submitted']).toBe(b?.metrics['jobs.submitted']);
    expect(a?.metrics['poll.attempts']).not.toBe(b?.metrics['poll.attempts']);
  });
});
