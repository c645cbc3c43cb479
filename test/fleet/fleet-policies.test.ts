/**
 * The stateful policy parts wired into the fleet and traffic: a fleet-scoped breaker, an adaptive
 * throttle, Celery autoretry, and the shipped retry-storm scenario's budgets.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/core/scenario/index.js';
import type { ClientPolicy, Scenario } from '../../src/core/scenario/types.js';
import { simulateScenario } from '../../src/engine/sim/index.js';
import { simulate } from '../../src/engine/sim/run.js';
import { basePolicy, stage } from '../support/scenario.js';

const NONE = Number.POSITIVE_INFINITY;

type Autoretry = NonNullable<NonNullable<Scenario['workload']['fleet']>['autoretry']>;

function downFleet(policy: ClientPolicy, autoretry?: Autoretry): Scenario {
  return {
    name: 'policies',
    seed: 2,
    durationMs: 10 * 60_000,
    bucketMs: 5000,
    backend: {
      endpoints: { events: { method: 'GET', path: '/events', stages: ['api'] } },
      stages: { api: stage(10, { dist: 'fixed', value: 10 }) },
    },
    workload: {
      fleet: {
        workers: 5,
        endpoint: 'events',
        jobs: { arrival: { kind: 'batch', count: 5, atMs: 0 }, runtime: { dist: 'fixed', value: 60 * 60_000 } },
        crash: { restartAfterMs: 10_000, redeliver: false },
        ...(autoretry ? { autoretry } : {}),
      },
      traffic: {},
    },
    faults: [{ kind: 'down', stage: 'api', atMs: 60_000, forMs: 120_000 }],
    policies: { default: policy },
    thresholds: {},
  };
}

describe('breaker', () => {
  it('a fleet-scoped consecutive breaker stops every worker polling a dead backend', () => {
    const withBreaker = basePolicy({
      onFailure: { log: 'warning', retryAfterMs: 1000, giveUpAfter: NONE, crashOn: [] },
      breaker: { kind: 'consecutive', failures: 5, halfOpenAfterMs: 30_000, scope: 'fleet' },
    });
    const without = basePolicy({ onFailure: { log: 'warning', retryAfterMs: 1000, giveUpAfter: NONE, crashOn: [] } });
    const a = simulate(downFleet(withBreaker), 'default', 2).metrics;
    const b = simulate(downFleet(without), 'default', 2).metrics;
    expect(a['poll.rejected'] as number, 'polls refused locally while open').toBeGreaterThan(0);
    // Without a breaker every worker hits the dead backend once a second for 2 minutes.
    expect(b['poll.errors']).toBe(5 * 120);
    // With one: 5 failures open it, then one probe per 30 s half-open period.
    expect(a['poll.errors'] as number).toBeLessThanOrEqual(5 + 4);
    expect(a['poll.ok'] as number, 'it closes again after the backend is back').toBeGreaterThan(0);
  });
});

describe('Celery autoretry', () => {
  it('a task that gave up is re-queued after the countdown, up to maxRetries', () => {
    const giveUp = basePolicy({ onFailure: { log: 'error', retryAfterMs: 1000, giveUpAfter: 3, crashOn: [] } });
    const m = simulate(
      downFleet(giveUp, { maxRetries: 2, backoffFactorMs: 1000, backoffMaxMs: 600_000, jitter: false }),
      'default',
      2,
    ).metrics;
    // Each task fails 3 polls (3 s), waits 1 s, fails again, waits 2 s, fails: then it is failed for good.
    expect(m['jobs.retried']).toBe(10);
    expect(m['jobs.failed']).toBe(5);
  });
});

describe('scenarios/retry-storm.yaml', () => {
  it('goes metastable without a budget and recovers with one', () => {
    const file = 'scenarios/retry-storm.yaml';
    const parsed = parseScenarioText(readFileSync(file, 'utf8'), 'yaml', file);
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const s = simulateScenario(parsed.scenario);
    const metastable = Object.fromEntries(s.runs.map((r) => [r.policy, r.metrics['recovery.metastable']]));
    expect(metastable).toEqual({ 'no-budget': true, 'token-bucket': false, 'retry-ratio': false });
  });
});
