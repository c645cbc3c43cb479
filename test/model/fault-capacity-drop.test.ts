/**
 * DESIGN §2, fault `capacity`: the stage's concurrency drops to N during the window (connections lost).
 * Work already in flight is not interrupted; new starts wait until fewer than N are in flight; when the
 * window ends the full concurrency is back and the queue drains into it at once.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/sim/run.js';
import { Bench, constantSource, stage, tinyScenario } from './harness.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });

describe('capacity fault', () => {
  it('lets in-flight work finish, limits new starts to N, and restores full concurrency after', () => {
    // Three slots, 100 ms service; concurrency 1 during [50, 350).
    const bench = new Bench({
      stages: { s: stage(3, fixed(100)) },
      faults: [{ kind: 'capacity', stage: 's', atMs: 50, forMs: 300, concurrency: 1 }],
    });
    bench.send(0, 'a').send(0, 'b').send(0, 'c');
    bench.send(60, 'd').send(60, 'e').send(60, 'f').send(60, 'g');
    const s = () => bench.stage('s');
    const at60 = bench.probe(60, () => [s().effectiveConcurrency, s().inflightNow, s().queuedNow]);
    const at360 = bench.probe(360, () => [s().effectiveConcurrency, s().inflightNow, s().queuedNow]);
    expect(bench.run(), 'replies').toEqual([
      [100, 'a', 200], // the three in flight when the window opened all finish
      [100, 'b', 200],
      [100, 'c', 200],
      [200, 'd', 200], // then one at a time
      [300, 'e', 200],
      [400, 'f', 200], // started at 300, inside the window
      [450, 'g', 200], // started at 350 when the window closed, beside f
    ]);
    expect(at60, 'at 60: [concurrency, inflight, queued]').toEqual([[1, 3, 4]]);
    expect(at360, 'at 360: [concurrency, inflight, queued]').toEqual([[3, 2, 0]]);
    expect(s().stats.inflightMax, 'inflight max').toBe(3);
  });

  it('overlapping capacity faults take the lowest limit, each lifting its own', () => {
    const bench = new Bench({
      stages: { s: stage(3, fixed(100)) },
      faults: [
        { kind: 'capacity', stage: 's', atMs: 50, forMs: 250, concurrency: 2 },
        { kind: 'capacity', stage: 's', atMs: 100, forMs: 100, concurrency: 1 },
      ],
    });
    const limits = [25, 75, 150, 250, 350].map((at) =>
      bench.probe(at, () => bench.stage('s').effectiveConcurrency),
    );
    bench.run();
    expect(limits.flat(), 'concurrency at 25, 75, 150, 250, 350').toEqual([3, 2, 1, 2, 3]);
  });

  it('shows in the simulated latency and queue wait', () => {
    // Two slots, 130 ms; arrivals at 0, 100, ..., 900; concurrency 1 during [250, 650).
    // Starts: 0, 100, 200 at once; 300 → 330, 400 → 460, 500 → 590 (one at a time); 600 → 650 (window
    // over); 700 → 720; 800, 900 at once. Waits 30, 60, 90, 50, 20.
    const run = simulate(
      tinyScenario({
        stages: { s: stage(2, fixed(130)) },
        traffic: { load: constantSource(10, 10) },
        durationMs: 2000,
        faults: [{ kind: 'capacity', stage: 's', atMs: 250, forMs: 400, concurrency: 1 }],
      }),
      'default',
      1,
    );
    const m = run.metrics;
    expect(m['traffic.load.ok'], 'ok').toBe(10);
    expect(m['stage.s.wait.mean'], 'mean wait').toBe((30 + 60 + 90 + 50 + 20) / 10);
    expect(m['traffic.load.latency.mean'], 'mean latency').toBe(130 + (30 + 60 + 90 + 50 + 20) / 10);
    expect(m['stage.s.inflight.max'], 'inflight max').toBe(2);
  });
});
