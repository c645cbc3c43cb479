/**
 * DESIGN §2, flapping faults: a fault with `every` repeats its window [at + k·every, at + k·every + for),
 * `times` times, or until the run ends when `times` is absent. Each window acts like a one-off fault.
 */
import { describe, expect, it } from 'vitest';
import { faultWindows } from '../../src/core/model/fault-timeline.js';
import { simulate } from '../../src/engine/sim/run.js';
import { Bench, constantSource, stage, tinyScenario } from './harness.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });
const span = (w: { startMs: number; endMs: number }) => [w.startMs, w.endMs];

describe('flapping faults', () => {
  it('expand into `times` windows, `every` apart', () => {
    const windows = faultWindows(
      [{ kind: 'stall', stage: 's', atMs: 100, forMs: 50, everyMs: 200, times: 3 }],
      10_000,
    );
    expect(windows.map(span), 'windows').toEqual([
      [100, 150],
      [300, 350],
      [500, 550],
    ]);
  });

  it('without `times` repeat until the run ends; a window starting at the end is dropped', () => {
    const windows = faultWindows([{ kind: 'down', stage: 's', atMs: 100, forMs: 50, everyMs: 200 }], 1100);
    expect(windows.map(span), 'windows').toEqual([
      [100, 150],
      [300, 350],
      [500, 550],
      [700, 750],
      [900, 950],
    ]);
  });

  it('a flapping `down` refuses exactly the arrivals inside its windows', () => {
    // Windows [100, 150) and [300, 350); arrivals every 50 ms from 25 to 575.
    const bench = new Bench({
      stages: { s: stage(100, fixed(10)) },
      faults: [{ kind: 'down', stage: 's', atMs: 100, forMs: 50, everyMs: 200, times: 2 }],
    });
    for (let at = 25; at < 600; at += 50) bench.send(at, `at${at}`);
    const refused = bench
      .run()
      .filter(([, , status]) => status === 'refused')
      .map(([now]) => now);
    expect(refused, 'refused at').toEqual([125, 325]);
    expect(bench.stage('s').stats.served, 'served').toBe(10);
  });

  it('a flapping `stall` freezes in-service work in each window', () => {
    // Windows [20, 30), [60, 70), [100, 110): a 100 ms call started at 0 loses 30 ms.
    const bench = new Bench({
      stages: { s: stage(1, fixed(100)) },
      faults: [{ kind: 'stall', stage: 's', atMs: 20, forMs: 10, everyMs: 40, times: 3 }],
    });
    bench.send(0, 'a');
    expect(bench.run(), 'replies').toEqual([[130, 'a', 200]]);
  });

  it('a flapping `errors` fault without `times` keeps hitting arrivals until the run ends', () => {
    // Ten arrivals at 0, 100, ..., 900; windows [50, 150), [350, 450), [650, 750), [950, 1050), ...
    const run = simulate(
      tinyScenario({
        stages: { s: stage(10, fixed(20)) },
        traffic: { load: constantSource(10, 10) },
        durationMs: 2000,
        faults: [{ kind: 'errors', stage: 's', atMs: 50, forMs: 100, everyMs: 300, status: 503, rate: 1 }],
      }),
      'default',
      1,
    );
    expect(run.metrics['traffic.load.errors'], 'errors (100, 400, 700)').toBe(3);
    expect(run.metrics['traffic.load.ok'], 'ok').toBe(7);
    expect(run.metrics['stage.s.injectedErrors'], 'injected').toBe(3);
  });
});
