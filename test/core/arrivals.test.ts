import { describe, expect, it } from 'vitest';
import { ArrivalProcess } from '../../src/core/model/arrivals.js';
import { RandomSource } from '../../src/core/random/prng.js';
import type { Arrival } from '../../src/core/scenario/types.js';
import { SimKernel } from '../../src/engine/sim/kernel.js';

function arrivals(arrival: Arrival, untilMs: number, seed = 1): number[] {
  const k = new SimKernel();
  const times: number[] = [];
  new ArrivalProcess('src', arrival, k, new RandomSource(seed).stream('a'), (now) => times.push(now)).start();
  k.run(untilMs);
  return times;
}

describe('arrival processes', () => {
  it('constant: evenly spaced from time 0', () => {
    expect(arrivals({ kind: 'constant', ratePerSec: 4 }, 1000)).toEqual([0, 250, 500, 750, 1000]);
  });

  it('batch: all at once', () => {
    expect(arrivals({ kind: 'batch', count: 3, atMs: 500 }, 1000)).toEqual([500, 500, 500]);
  });

  it('a count stops the source', () => {
    expect(arrivals({ kind: 'constant', ratePerSec: 10, count: 3 }, 10_000)).toHaveLength(3);
  });

  it('poisson: count within 4 standard deviations of λt, gaps exponential (coefficient of variation 1)', () => {
    const times = arrivals({ kind: 'poisson', ratePerSec: 100 }, 600_000);
    expect(Math.abs(times.length - 60_000)).toBeLessThan(4 * Math.sqrt(60_000));
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length);
    expect(sd / mean).toBeCloseTo(1, 1);
  });

  it('stages: a linear ramp to 100/s over 60 s, then 100/s for 60 s — 9,000 expected arrivals', () => {
    const times = arrivals(
      { kind: 'stages', startRatePerSec: 0, stages: [{ durationMs: 60_000, ratePerSec: 100 }, { durationMs: 60_000, ratePerSec: 100 }] },
      120_000,
    );
    expect(Math.abs(times.length - 9000)).toBeLessThan(4 * Math.sqrt(9000));
    const firstHalf = times.filter((t) => t < 30_000).length;
    // ∫₀³⁰ (100/60)·t dt = 750 in the first 30 s of the ramp.
    expect(Math.abs(firstHalf - 750)).toBeLessThan(4 * Math.sqrt(750));
  });
});
