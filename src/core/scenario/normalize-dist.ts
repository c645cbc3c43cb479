/**
 * Distributions as written → `Dist` in milliseconds. A lognormal given by percentiles is fitted with
 * `lognormalFromPercentile`; the checks here are the cross-field ones zod cannot express per field.
 */
import { type Dist, fixed, lognormalFromPercentile, Z95, Z99 } from '../random/distributions.js';
import { type Issues, ms } from './normalize-units.js';
import type { Path } from './problems.js';
import type { RawDist } from './schema-dist.js';

type Lognormal = Extract<Exclude<RawDist, string>, { dist: 'lognormal' }>;
type NonMixture = Exclude<Exclude<RawDist, string>, { dist: 'mixture' }>;

const LOGNORMAL_KEYS = ['median', 'p95', 'p99', 'mu', 'sigma'] as const;

function lognormal(raw: Lognormal, path: Path, issues: Issues): Dist {
  const given = LOGNORMAL_KEYS.filter((key) => raw[key] !== undefined);
  const { median, mu, sigma } = raw;
  if (given.length === 2 && mu !== undefined && sigma !== undefined) return { dist: 'lognormal', mu, sigma };
  const tail = raw.p95 ?? raw.p99;
  if (given.length === 2 && median !== undefined && tail !== undefined) {
    const [key, z] = raw.p95 !== undefined ? (['p95', Z95] as const) : (['p99', Z99] as const);
    const medianMs = ms(median);
    const tailMs = ms(tail);
    if (!(medianMs > 0)) issues.add([...path, 'median'], `expected a duration > 0, got "${median}"`);
    else if (!(tailMs > medianMs))
      issues.add([...path, key], `expected more than the median (${median}), got "${tail}"`);
    else return lognormalFromPercentile(medianMs, tailMs, z);
    return fixed(0);
  }
  const percentileForm = median !== undefined || tail !== undefined;
  const momentForm = mu !== undefined || sigma !== undefined;
  let message: string;
  if (raw.p95 !== undefined && raw.p99 !== undefined) message = 'give median with p95 or with p99, not both';
  else if (percentileForm && momentForm)
    message = 'give median with p95 (or p99), or mu with sigma, not both forms';
  else {
    const got = given.length === 0 ? 'neither' : `only ${given.join(', ')}`;
    message = `needs median with p95 (or p99), or mu with sigma, got ${got}`;
  }
  issues.add(path, message);
  return fixed(0);
}

function single(raw: NonMixture, path: Path, issues: Issues): Dist {
  switch (raw.dist) {
    case 'fixed':
      return fixed(ms(raw.value));
    case 'uniform': {
      const min = ms(raw.min);
      const max = ms(raw.max);
      if (max < min) issues.add([...path, 'max'], `expected at least min (${raw.min}), got "${raw.max}"`);
      return { dist: 'uniform', min, max };
    }
    case 'exponential':
      return { dist: 'exponential', mean: issues.positive(raw.mean, [...path, 'mean']) };
    case 'normal':
      return { dist: 'normal', mean: ms(raw.mean), sd: ms(raw.sd) };
    case 'lognormal':
      return lognormal(raw, path, issues);
    case 'pareto':
      return { dist: 'pareto', scale: issues.positive(raw.scale, [...path, 'scale']), shape: raw.shape };
  }
}

export function normalizeDist(raw: RawDist, path: Path, issues: Issues): Dist {
  if (typeof raw === 'string') return fixed(ms(raw));
  if (raw.dist !== 'mixture') return single(raw, path, issues);
  return {
    dist: 'mixture',
    of: raw.of.map(({ weight, ...component }, i) => ({
      weight,
      dist: single(component, [...path, 'of', i], issues),
    })),
  };
}
