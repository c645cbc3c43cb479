/**
 * The distributions of the scenario language, normalized to milliseconds, and their samplers.
 * A sampler takes the random stream as a parameter: distributions hold no state of their own.
 */
import type { Random } from './prng.js';

export type Dist =
  | { dist: 'fixed'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'exponential'; mean: number }
  /** Truncated at 0: negative draws are redrawn, so the shape above 0 is kept. */
  | { dist: 'normal'; mean: number; sd: number }
  /** Parameters of the underlying normal: median = e^mu. */
  | { dist: 'lognormal'; mu: number; sigma: number }
  | { dist: 'pareto'; scale: number; shape: number }
  | { dist: 'mixture'; of: Array<{ weight: number; dist: Dist }> };

export type Sampler = (random: Random) => number;

/** Standard normal quantiles used to fit a lognormal from a median and a tail percentile. */
export const Z95 = 1.6448536269514722;
export const Z99 = 2.3263478740408408;

/** A lognormal whose median and p95 (or p99) are given: mu = ln(median), sigma = ln(pX / median) / zX. */
export function lognormalFromPercentile(median: number, tail: number, z: number): Dist {
  return { dist: 'lognormal', mu: Math.log(median), sigma: Math.log(tail / median) / z };
}

function standardNormal(random: Random): number {
  // Box-Muller; 1 - u keeps the logarithm finite.
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Compiles a distribution to a sampler closure (no per-draw dispatch on the kind). */
export function sampler(d: Dist): Sampler {
  switch (d.dist) {
    case 'fixed': {
      const value = d.value;
      return () => value;
    }
    case 'uniform': {
      const { min } = d;
      const width = d.max - d.min;
      return (r) => min + width * r.next();
    }
    case 'exponential': {
      const mean = d.mean;
      return (r) => -mean * Math.log(1 - r.next());
    }
    case 'normal': {
      const { mean, sd } = d;
      return (r) => {
        for (let i = 0; i < 64; i++) {
          const x = mean + sd * standardNormal(r);
          if (x >= 0) return x;
        }
        return 0;
      };
    }
    case 'lognormal': {
      const { mu, sigma } = d;
      return (r) => Math.exp(mu + sigma * standardNormal(r));
    }
    case 'pareto': {
      const { scale, shape } = d;
      const inv = 1 / shape;
      return (r) => scale / (1 - r.next()) ** inv;
    }
    case 'mixture': {
      const total = d.of.reduce((s, c) => s + c.weight, 0);
      const cumulative: number[] = [];
      let acc = 0;
      for (const c of d.of) {
        acc += c.weight / total;
        cumulative.push(acc);
      }
      const parts = d.of.map((c) => sampler(c.dist));
      return (r) => {
        const u = r.next();
        for (let i = 0; i < cumulative.length - 1; i++) {
          if (u < (cumulative[i] as number)) return (parts[i] as Sampler)(r);
        }
        return (parts[parts.length - 1] as Sampler)(r);
      };
    }
  }
}

/** The mean of a distribution (Infinity for a Pareto with shape ≤ 1). Normal ignores its truncation. */
export function distMean(d: Dist): number {
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'exponential':
      return d.mean;
    case 'normal':
      return d.mean;
    case 'lognormal':
      return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case 'pareto':
      return d.shape <= 1 ? Number.POSITIVE_INFINITY : (d.shape * d.scale) / (d.shape - 1);
    case 'mixture': {
      const total = d.of.reduce((s, c) => s + c.weight, 0);
      return d.of.reduce((s, c) => s + (c.weight / total) * distMean(c.dist), 0);
    }
  }
}

/** A distribution that always yields this duration. */
export function fixed(value: number): Dist {
  return { dist: 'fixed', value };
}
