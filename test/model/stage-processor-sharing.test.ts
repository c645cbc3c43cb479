/**
 * DESIGN §2, stage `sharing: {processorSharing: {cores}}`: n calls in service each progress at
 * min(1, cores / n) — a CPU-bound database slows every query as load exceeds its cores. Work is conserved:
 * the cores are busy whenever at least `cores` calls are in service.
 */
import { describe, expect, it } from 'vitest';
import { Bench, stage } from './harness.js';

const ps = (cores: number, concurrency = 10, cancelOnClientAbort = false) =>
  stage(
    concurrency,
    { dist: 'fixed', value: 100 },
    { sharing: { kind: 'processorSharing', cores }, cancelOnClientAbort },
  );

describe('processor sharing', () => {
  it('four equal 100 ms jobs on two cores all finish at 200 ms', () => {
    const bench = new Bench({ stages: { s: ps(2) } });
    for (const label of ['a', 'b', 'c', 'd']) bench.send(0, label);
    expect(bench.run(), 'replies').toEqual([
      [200, 'a', 200],
      [200, 'b', 200],
      [200, 'c', 200],
      [200, 'd', 200],
    ]);
  });

  it('no slowdown while calls do not outnumber cores', () => {
    const bench = new Bench({ stages: { s: ps(4) } });
    bench.send(0, 'a').send(0, 'b').send(0, 'c');
    expect(bench.run(), 'replies').toEqual([
      [100, 'a', 200],
      [100, 'b', 200],
      [100, 'c', 200],
    ]);
  });

  it('a job arriving mid-way shares from then on (two cores)', () => {
    // a, b at full speed until 50 (50 left each). From 50 three share two cores at 2/3: a and b need
    // 75 ms more → 125; c has done 50 by then and finishes alone at full speed → 175.
    const bench = new Bench({ stages: { s: ps(2) } });
    bench.send(0, 'a').send(0, 'b').send(50, 'c');
    expect(bench.run(), 'replies').toEqual([
      [125, 'a', 200],
      [125, 'b', 200],
      [175, 'c', 200],
    ]);
  });

  it('a job arriving mid-way shares from then on (one core)', () => {
    // a alone until 50 (50 left); then half speed each: a done at 150, b has 50 done and runs alone → 200.
    const bench = new Bench({ stages: { s: ps(1) } });
    bench.send(0, 'a').send(50, 'b');
    expect(bench.run(), 'replies').toEqual([
      [150, 'a', 200],
      [200, 'b', 200],
    ]);
  });

  it('a cancelled job gives its share back at once', () => {
    // One core, a and b at half speed; b is cancelled at 50 (a has 25 done) → a runs alone: 50 + 75.
    const bench = new Bench({ stages: { s: ps(1, 10, true) } });
    bench.send(0, 'a').send(0, 'b').abort(50, 'b');
    expect(bench.run(), 'replies').toEqual([[125, 'a', 200]]);
    expect(bench.stage('s').stats.cancelled, 'cancelled').toBe(1);
  });

  it('slots still bound how many share: a third call waits for a slot', () => {
    // Two slots, one core: a and b share (done at 200); c queues until then and runs alone.
    const bench = new Bench({ stages: { s: ps(1, 2) } });
    bench.send(0, 'a').send(0, 'b').send(0, 'c');
    expect(bench.run(), 'replies').toEqual([
      [200, 'a', 200],
      [200, 'b', 200],
      [300, 'c', 200],
    ]);
    expect(bench.stage('s').stats.wait.mean(), 'mean wait').toBe(200 / 3);
  });
});
