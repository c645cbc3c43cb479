/**
 * Metastable failures (Huang et al., "Metastable Failures in the Wild", OSDI '22, Theorem 2): with R
 * immediate retries a stall pushes open-loop load past capacity/(R+1) into a state that outlives the
 * trigger. Capacity here is 10 slots / 50 ms = 200/s; with 3 retries the stable limit is 50/s.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/sim/run.js';
import { basePolicy, singleStage } from '../support/scenario.js';

function run(ratePerSec: number, retries: number) {
  const policy = basePolicy({
    timeout: { connectMs: Number.POSITIVE_INFINITY, readMs: Number.POSITIVE_INFINITY, totalMs: 3000 },
    retries: { count: retries, on: ['timeout', '5xx', 'refused'] },
  });
  const scenario = singleStage({
    concurrency: 10,
    service: { dist: 'exponential', mean: 50 },
    ratePerSec,
    durationMs: 600_000,
    policy,
    faults: [{ kind: 'stall', stage: 's', atMs: 60_000, forMs: 20_000 }],
  });
  return simulate(scenario, 'default', 42).metrics;
}

describe('metastability after a 20 s stall', () => {
  it('45/s with 3 immediate retries recovers', () => {
    const m = run(45, 3);
    expect(m['recovery.metastable'], 'metastable').toBe(false);
    expect(m['recovery.ms'], 'recovery.ms').toBeTypeOf('number');
  });

  it('100/s with 3 immediate retries stays overloaded after the stall ends', () => {
    const m = run(100, 3);
    expect(m['recovery.metastable'], 'metastable').toBe(true);
    expect(m['recovery.ms'], 'recovery.ms').toBeNull();
    // The retry storm: far more attempts than arrivals, and the stage saturated by abandoned work.
    expect((m['traffic.load.attempts'] as number) / (m['traffic.load.requests'] as number)).toBeGreaterThan(3);
    expect(m['stage.s.abandoned'] as number).toBeGreaterThan(0);
  });

  it('150/s without retries recovers', () => {
    const m = run(150, 0);
    expect(m['recovery.metastable'], 'metastable').toBe(false);
  });

  it('a run without faults has no recovery figure and is not metastable', () => {
    const scenario = singleStage({ concurrency: 10, service: { dist: 'exponential', mean: 50 }, ratePerSec: 100, durationMs: 60_000 });
    const m = simulate(scenario, 'default', 1).metrics;
    expect(m['recovery.ms']).toBeNull();
    expect(m['recovery.metastable']).toBe(false);
  });
});
