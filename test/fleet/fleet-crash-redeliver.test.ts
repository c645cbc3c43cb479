/**
 * crashOn: a timeout that escapes the poller kills the worker process. With redelivery (acks_late) the
 * task goes back to the queue and no job is lost; without it the job dies with the worker.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/core/scenario/types.js';
import { simulate } from '../../src/engine/sim/run.js';
import { basePolicy, stage } from '../support/scenario.js';

function scenario(redeliver: boolean): Scenario {
  return {
    name: 'crash',
    seed: 5,
    durationMs: 40 * 60_000,
    bucketMs: 5000,
    backend: {
      endpoints: { events: { method: 'GET', path: '/events', stages: ['api'] } },
      stages: { api: stage(10, { dist: 'fixed', value: 20 }) },
    },
    workload: {
      fleet: {
        workers: 4,
        endpoint: 'events',
        jobs: { arrival: { kind: 'batch', count: 12, atMs: 0 }, runtime: { dist: 'fixed', value: 2 * 60_000 } },
        crash: { restartAfterMs: 30_000, redeliver },
      },
      traffic: {},
    },
    faults: [{ kind: 'stall', stage: 'api', atMs: 60_000, forMs: 90_000 }],
    policies: {
      default: basePolicy({
        timeout: { connectMs: Number.POSITIVE_INFINITY, readMs: 30_000, totalMs: Number.POSITIVE_INFINITY },
        onFailure: { log: 'error', retryAfterMs: 5000, giveUpAfter: Number.POSITIVE_INFINITY, crashOn: ['timeout'] },
      }),
    },
    thresholds: {},
  };
}

describe('worker crashes under a stall', () => {
  it('crashOn [timeout] crashes every worker that polls into the stall', () => {
    const m = simulate(scenario(true), 'default', 5).metrics;
    expect(m['workers.crashes'] as number).toBeGreaterThanOrEqual(4);
    expect(m['workers.minAlive'], 'the whole fleet was down at once').toBe(0);
  });

  it('with redeliver no job is lost and all complete', () => {
    const m = simulate(scenario(true), 'default', 5).metrics;
    expect(m['jobs.lost']).toBe(0);
    expect(m['jobs.completed']).toBe(12);
  });

  it('without redeliver the crashed tasks are lost', () => {
    const m = simulate(scenario(false), 'default', 5).metrics;
    expect(m['jobs.lost'], 'one job per crash').toBe(m['workers.crashes']);
    expect(m['jobs.lost'] as number).toBeGreaterThan(0);
    expect((m['jobs.completed'] as number) + (m['jobs.lost'] as number)).toBe(12);
  });
});
