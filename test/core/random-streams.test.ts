import { describe, expect, it } from 'vitest';
import { type Dist, distMean, lognormalFromPercentile, sampler, Z95, Z99 } from '../../src/core/random/distributions.js';
import { RandomSource } from '../../src/core/random/prng.js';

function draws(source: RandomSource, name: string, n: number): number[] {
  const s = source.stream(name);
  return Array.from({ length: n }, () => s.next());
}

describe('named streams', () => {
  it('the same seed and name give the same draws', () => {
    expect(draws(new RandomSource(42), 'job:1:runtime', 5)).toEqual(draws(new RandomSource(42), 'job:1:runtime', 5));
  });

  it('a stream does not depend on which other streams exist or were drawn from', () => {
    const a = new RandomSource(42);
    const alone = draws(a, 'stage:db:service', 100);
    const b = new RandomSource(42);
    draws(b, 'worker:0:jitter', 1000);
    draws(b, 'job:7:runtime', 10);
    expect(draws(b, 'stage:db:service', 100), 'unchanged by other entities').toEqual(alone);
  });

  it('different names and different seeds give different draws', () => {
    const s = new RandomSource(1);
    expect(draws(s, 'a', 3)).not.toEqual(draws(s, 'b', 3));
    expect(draws(new RandomSource(1), 'a', 3)).not.toEqual(draws(new RandomSource(2), 'a', 3));
  });

  it('draws are uniform on [0, 1): mean 1/2, variance 1/12, no value out of range', () => {
    const xs = draws(new RandomSource(3), 'u', 200_000);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    // Standard error of the mean: sqrt(1/12/n) ≈ 0.00065; allow 5 of them.
    expect(Math.abs(mean - 0.5), 'mean').toBeLessThan(0.0033);
    expect(Math.abs(variance - 1 / 12), 'variance').toBeLessThan(0.002);
  });
});

describe('distributions', () => {
  const N = 200_000;
  function sample(d: Dist, seed = 5): number[] {
    const s = sampler(d);
    const r = new RandomSource(seed).stream('d');
    return Array.from({ length: N }, () => s(r));
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * xs.length)] as number;

  it.each<[string, Dist]>([
    ['fixed', { dist: 'fixed', value: 30 }],
    ['uniform', { dist: 'uniform', min: 10, max: 50 }],
    ['exponential', { dist: 'exponential', mean: 50 }],
    ['lognormal', { dist: 'lognormal', mu: Math.log(30), sigma: 0.6 }],
    ['pareto', { dist: 'pareto', scale: 10, shape: 3 }],
    ['mixture', { dist: 'mixture', of: [{ weight: 9, dist: { dist: 'fixed', value: 10 } }, { weight: 1, dist: { dist: 'fixed', value: 1000 } }] }],
  ])('%s: sample mean within 2%% of the analytic mean', (_name, d) => {
    const expected = distMean(d);
    expect(Math.abs(mean(sample(d)) - expected) / expected).toBeLessThan(0.02);
  });

  it('normal is truncated at 0 by redrawing: no negative values', () => {
    const xs = sample({ dist: 'normal', mean: 10, sd: 10 });
    expect(xs.every((x) => x >= 0)).toBe(true);
    // The truncated normal's mean is μ + σ·φ(α)/(1−Φ(α)) with α = −1: 10 + 10·0.24197/0.84134 = 12.876.
    expect(mean(xs)).toBeCloseTo(12.876, 0);
  });

  it('lognormal from median and p95 / p99 hits those percentiles', () => {
    const a = sample(lognormalFromPercentile(30, 400, Z99));
    expect(Math.abs(quantile(a, 0.5) - 30) / 30, 'median').toBeLessThan(0.02);
    expect(Math.abs(quantile(a, 0.99) - 400) / 400, 'p99').toBeLessThan(0.05);
    const b = sample(lognormalFromPercentile(180_000, 600_000, Z95));
    expect(Math.abs(quantile(b, 0.95) - 600_000) / 600_000, 'p95').toBeLessThan(0.03);
  });
});
