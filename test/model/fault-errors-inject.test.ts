/**
 * DESIGN §2, fault `errors`: the stage answers `status` at once with probability `rate`. With rate 1 every
 * arrival inside the window gets the status immediately — without queueing or service — while work that
 * was already admitted is served normally.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/sim/run.js';
import { Bench, constantSource, stage, tinyScenario } from './harness.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });

describe('errors fault', () => {
  it('rate 1 answers every arrival in the window at once; admitted work is unaffected', () => {
    // One slot, 100 ms; 500 with rate 1 during [150, 300).
    const bench = new Bench({
      stages: { s: stage(1, fixed(100)) },
      faults: [{ kind: 'errors', stage: 's', atMs: 150, forMs: 150, status: 500, rate: 1 }],
    });
    bench.send(0, 'a').send(140, 'in-service').send(160, 'err1').send(200, 'err2').send(310, 'after');
    expect(bench.run(), 'replies').toEqual([
      [100, 'a', 200],
      [160, 'err1', 500], // at once, although the one slot is busy: it never queues
      [200, 'err2', 500],
      [240, 'in-service', 200], // admitted at 140, served through the window
      [410, 'after', 200],
    ]);
    const stats = bench.stage('s').stats;
    expect(stats.arrivals, 'arrivals').toBe(5);
    expect(stats.injectedErrors, 'injected errors').toBe(2);
    expect(stats.served, 'served').toBe(3);
    expect(stats.queueMax, 'queue max').toBe(0);
  });

  it('an inner stage error is relayed by the upstream stage after its own service', () => {
    const bench = new Bench({
      stages: { api: stage(10, fixed(10)), db: stage(10, fixed(50)) },
      faults: [{ kind: 'errors', stage: 'db', atMs: 0, forMs: 100, status: 503, rate: 1 }],
    });
    bench.send(20, 'during').send(100, 'after');
    expect(bench.run(), 'replies').toEqual([
      [30, 'during', 503], // api 20..30, db answers 503 at once
      [160, 'after', 200], // api 100..110, db 110..160
    ]);
    expect(bench.stage('db').stats.injectedErrors, 'db injected').toBe(1);
    expect(bench.stage('api').stats.injectedErrors, 'api injected').toBe(0);
  });

  it('rate 0.3 fails about 30% of arrivals, each at once', () => {
    const n = 10_000;
    const bench = new Bench({
      stages: { s: stage(n, fixed(100)) },
      faults: [{ kind: 'errors', stage: 's', atMs: 0, forMs: 2 * n, status: 500, rate: 0.3 }],
    });
    for (let i = 0; i < n; i++) bench.send(1 + i, `r${i}`);
    const log = bench.run();
    const errors = log.filter(([, , status]) => status === 500);
    // Binomial(10 000, 0.3): sd ≈ 45.8; allow 4 sd.
    expect(Math.abs(errors.length - 0.3 * n), `errors ${errors.length}`).toBeLessThan(185);
    expect(
      errors.every(([now, label]) => now === 1 + Number(label.slice(1))),
      'every error answered at its arrival',
    ).toBe(true);
    expect(bench.stage('s').stats.injectedErrors, 'injected errors').toBe(errors.length);
  });

  it('shows as client errors in a simulated run', () => {
    // Ten arrivals at 0, 100, ..., 900; errors rate 1 during [250, 550) hits 300, 400, 500.
    const run = simulate(
      tinyScenario({
        stages: { s: stage(10, fixed(50)) },
        traffic: { load: constantSource(10, 10) },
        durationMs: 2000,
        faults: [{ kind: 'errors', stage: 's', atMs: 250, forMs: 300, status: 500, rate: 1 }],
      }),
      'default',
      1,
    );
    const m = run.metrics;
    expect(m['traffic.load.attempts'], 'attempts').toBe(10);
    expect(m['traffic.load.errors'], 'errors').toBe(3);
    expect(m['traffic.load.ok'], 'ok').toBe(7);
    expect(m['stage.s.injectedErrors'], 'injected').toBe(3);
    expect(m['stage.s.served'], 'served').toBe(7);
  });
});
