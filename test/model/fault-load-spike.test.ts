/**
 * DESIGN §2, fault `load`: multiplies an open-loop traffic source's rate during the window — only the
 * sources it names (all of them when it names none). Constant arrivals are evenly spaced at 1/rate; after
 * a rate change the next arrival keeps its phase from the last one (max(now, last + new spacing)).
 */
import { describe, expect, it } from 'vitest';
import { ArrivalProcess } from '../../src/core/model/arrivals.js';
import { Backend } from '../../src/core/model/backend.js';
import { faultWindows, scheduleFaults } from '../../src/core/model/fault-timeline.js';
import { RandomSource } from '../../src/core/random/prng.js';
import type { Arrival, Fault } from '../../src/core/scenario/types.js';
import { SimKernel } from '../../src/engine/sim/kernel.js';
import { simulate } from '../../src/engine/sim/run.js';
import { constantSource, stage, t, tinyScenario } from './harness.js';

/** Arrival instants of each source under the fault timeline, up to `untilMs` inclusive. */
function arrivalTimes(
  sources: Record<string, Arrival>,
  faults: Fault[],
  untilMs: number,
): Record<string, number[]> {
  const kernel = new SimKernel();
  const random = new RandomSource(1);
  const backend = new Backend({ endpoints: {}, stages: {} }, kernel, random);
  const times: Record<string, number[]> = {};
  const processes = Object.entries(sources).map(([name, arrival]) => {
    const log: number[] = [];
    times[name] = log;
    return new ArrivalProcess(name, arrival, kernel, random.stream(name), (now) => log.push(t(now)));
  });
  scheduleFaults(faults, faultWindows(faults, untilMs), kernel, backend, processes, random);
  for (const p of processes) p.start();
  kernel.run(untilMs);
  return times;
}

const tenPerSec: Arrival = { kind: 'constant', ratePerSec: 10 };

describe('load fault', () => {
  it('doubles the named source during the window and leaves the others alone', () => {
    const times = arrivalTimes(
      { ui: tenPerSec, batch: tenPerSec },
      [{ kind: 'load', sources: ['ui'], factor: 2, atMs: 250, forMs: 325 }],
      999,
    );
    // biome-ignore format: one line per rate
    expect(times.ui, 'ui').toEqual([
      0, 100, 200,
      // ×2 from 250: spacing 50 ms, the first one at max(250, 200 + 50)
      250, 300, 350, 400, 450, 500, 550,
      // back to 100 ms at 575: the next at max(575, 550 + 100)
      650, 750, 850, 950,
    ]);
    expect(times.batch, 'batch').toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
  });

  it('without `sources` it multiplies every source, and overlapping spikes multiply', () => {
    const times = arrivalTimes(
      { a: tenPerSec, b: tenPerSec },
      [
        { kind: 'load', factor: 2, atMs: 150, forMs: 500 },
        { kind: 'load', factor: 5, atMs: 330, forMs: 155 },
      ],
      999,
    );
    // biome-ignore format: one line per rate
    const expected = [
      0, 100,
      150, 200, 250, 300, // ×2
      330, 340, 350, 360, 370, 380, 390, 400, 410, 420, 430, 440, 450, 460, 470, 480, // ×10
      530, 580, 630, // ×2 again from 485
      730, 830, 930, // ×1 from 650
    ];
    expect(times.a, 'a').toEqual(expected);
    expect(times.b, 'b').toEqual(expected);
  });

  it('triples a Poisson source in the window (counts within 4 sd)', () => {
    const times = arrivalTimes(
      { p: { kind: 'poisson', ratePerSec: 100 } },
      [{ kind: 'load', sources: ['p'], factor: 3, atMs: 10_000, forMs: 10_000 }],
      30_000,
    );
    const all = times.p ?? [];
    const count = (from: number, to: number) => all.filter((x) => x >= from && x < to).length;
    expect(Math.abs(count(0, 10_000) - 1000), 'before: 1000 expected').toBeLessThan(4 * Math.sqrt(1000));
    expect(Math.abs(count(10_000, 20_000) - 3000), 'during: 3000 expected').toBeLessThan(4 * Math.sqrt(3000));
    expect(Math.abs(count(20_000, 30_000) - 1000), 'after: 1000 expected').toBeLessThan(4 * Math.sqrt(1000));
  });

  it('only the named source sends more requests in a simulated run', () => {
    const run = simulate(
      tinyScenario({
        stages: { s: stage(100, { dist: 'fixed', value: 10 }) },
        traffic: { ui: constantSource(10), batch: constantSource(10) },
        durationMs: 999,
        faults: [{ kind: 'load', sources: ['ui'], factor: 2, atMs: 250, forMs: 325 }],
      }),
      'default',
      1,
    );
    const m = run.metrics;
    expect(m['traffic.ui.requests'], 'ui requests').toBe(14);
    expect(m['traffic.batch.requests'], 'batch requests').toBe(10);
    expect(m['stage.s.arrivals'], 'stage arrivals').toBe(24);
  });
});
