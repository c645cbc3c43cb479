/**
 * DESIGN §2, fault `latency`: adds a distribution to the stage's service time. The draw is taken when a
 * call starts service, so what counts is when service starts inside [at, at + for), not when it arrived.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/sim/run.js';
import { Bench, constantSource, stage, tinyScenario } from './harness.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });

describe('latency fault', () => {
  it('adds its latency to calls that start service inside the window, and only to them', () => {
    // 10 free slots, 50 ms service, +30 ms during [100, 200).
    const bench = new Bench({
      stages: { s: stage(10, fixed(50)) },
      faults: [{ kind: 'latency', stage: 's', atMs: 100, forMs: 100, latency: fixed(30) }],
    });
    bench
      .send(0, 'before')
      .send(99, 'started-before')
      .send(101, 'inside')
      .send(199, 'last-inside')
      .send(201, 'after');
    expect(bench.run(), 'replies').toEqual([
      [50, 'before', 200],
      [149, 'started-before', 200], // in service when the window opens: not slowed
      [181, 'inside', 200], // 101 + 50 + 30
      [251, 'after', 200], // 201 + 50
      [279, 'last-inside', 200], // 199 + 80: the draw outlives the window
    ]);
  });

  it('goes by the start of service: queued calls that start inside are slowed, ones that start after are not', () => {
    // One slot, so calls queue; +30 ms during [100, 200).
    const bench = new Bench({
      stages: { s: stage(1, fixed(50)) },
      faults: [{ kind: 'latency', stage: 's', atMs: 100, forMs: 100, latency: fixed(30) }],
    });
    bench.send(60, 'a').send(70, 'b').send(185, 'c').send(195, 'd');
    expect(bench.run(), 'replies').toEqual([
      [110, 'a', 200], // 60..110, started before the window
      [190, 'b', 200], // arrived before the window, starts at 110: 110 + 80
      [270, 'c', 200], // starts at 190, still inside: 190 + 80
      [320, 'd', 200], // arrived inside, but starts at 270: 270 + 50
    ]);
  });

  it('overlapping latency faults add up', () => {
    const bench = new Bench({
      stages: { s: stage(10, fixed(50)) },
      faults: [
        { kind: 'latency', stage: 's', atMs: 100, forMs: 100, latency: fixed(30) },
        { kind: 'latency', stage: 's', atMs: 150, forMs: 100, latency: fixed(7) },
      ],
    });
    bench.send(120, 'first').send(160, 'both').send(220, 'second');
    expect(bench.run(), 'replies').toEqual([
      [200, 'first', 200], // 120 + 50 + 30
      [247, 'both', 200], // 160 + 50 + 30 + 7
      [277, 'second', 200], // 220 + 50 + 7
    ]);
  });

  it('a uniform latency adds a draw within its bounds', () => {
    const bench = new Bench({
      stages: { s: stage(100, fixed(50)) },
      faults: [
        { kind: 'latency', stage: 's', atMs: 0, forMs: 1000, latency: { dist: 'uniform', min: 10, max: 20 } },
      ],
    });
    for (let i = 0; i < 50; i++) bench.send(1 + i * 10, `r${i}`);
    const log = bench.run();
    expect(log.length, 'replies').toBe(50);
    for (const [now, label] of log) {
      const service = now - (1 + Number(label.slice(1)) * 10);
      expect(service, `${label} service`).toBeGreaterThanOrEqual(60);
      expect(service, `${label} service`).toBeLessThanOrEqual(70);
    }
  });

  it('shows in the simulated client latency', () => {
    // Ten arrivals at 0, 100, ..., 900; the window [250, 550) slows the ones at 300, 400, 500.
    const run = simulate(
      tinyScenario({
        stages: { s: stage(10, fixed(50)) },
        traffic: { load: constantSource(10, 10) },
        durationMs: 2000,
        faults: [{ kind: 'latency', stage: 's', atMs: 250, forMs: 300, latency: fixed(30) }],
      }),
      'default',
      1,
    );
    expect(run.metrics['traffic.load.ok'], 'ok').toBe(10);
    expect(run.metrics['traffic.load.latency.mean'], 'mean latency').toBe((7 * 50 + 3 * 80) / 10);
    expect(run.metrics['stage.s.served'], 'served').toBe(10);
  });
});
