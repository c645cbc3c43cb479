/**
 * A closed fleet obeys the interactive response-time law X = N / (Z + R) (Denning & Buzen, 1978):
 * N pollers, think time Z (the poll interval), response time R.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/core/scenario/types.js';
import { simulate } from '../../src/engine/sim/run.js';
import { basePolicy, stage } from '../support/scenario.js';

const HOUR = 3_600_000;

function fleet(hang: boolean): Scenario {
  return {
    name: 'closed-loop',
    seed: 1,
    durationMs: HOUR,
    bucketMs: 5000,
    backend: {
      endpoints: { events: { method: 'GET', path: '/events', stages: ['api'] } },
      stages: { api: stage(1000, { dist: 'exponential', mean: 20 }) },
    },
    workload: {
      fleet: {
        workers: 750,
        endpoint: 'events',
        // Jobs longer than the run: every worker polls for the whole hour.
        jobs: { arrival: { kind: 'batch', count: 750, atMs: 0 }, runtime: { dist: 'fixed', value: 10 * HOUR } },
        crash: { restartAfterMs: 10_000, redeliver: false },
      },
      traffic: {},
    },
    faults: hang ? [{ kind: 'stall', stage: 'api', atMs: 0, forMs: 10 * HOUR }] : [],
    policies: {
      default: basePolicy({ timeout: { connectMs: Number.POSITIVE_INFINITY, readMs: 60_000, totalMs: Number.POSITIVE_INFINITY } }),
    },
    thresholds: {},
  };
}

describe('closed loop: 750 pollers, 5 s interval', () => {
  it('a fast backend: attempts per second within 2% of N/(Z+R)', () => {
    const m = simulate(fleet(false), 'default', 1).metrics;
    const r = m['poll.latency.mean'] as number;
    expect(r, 'R is the backend service time').toBeGreaterThan(15);
    const expected = 750 / ((5000 + r) / 1000);
    const measured = (m['poll.attempts'] as number) / 3600;
    expect(Math.abs(measured - expected) / expected, `${measured}/s vs ${expected}/s`).toBeLessThan(0.02);
    expect(m['poll.timeouts']).toBe(0);
  });

  it('every poll hangs past the 60 s timeout: within 2% of 750/65 per second', () => {
    const m = simulate(fleet(true), 'default', 1).metrics;
    const measured = (m['poll.attempts'] as number) / 3600;
    const expected = 750 / 65;
    expect(Math.abs(measured - expected) / expected, `${measured}/s vs ${expected}/s`).toBeLessThan(0.02);
    // Every worker polls at 0, 65 s, …, 3575 s (56 polls); the last is still hanging when the hour ends.
    expect(m['poll.attempts']).toBe(56 * 750);
    expect(m['poll.timeouts'], 'every finished attempt timed out').toBe(55 * 750);
    expect(m['cascade.peakWorkersTimingOut'], 'the whole fleet timed out together').toBe(750);
    expect(m['logs.error'], 'the seed logs every timeout at ERROR').toBe(m['poll.timeouts']);
  });
});
