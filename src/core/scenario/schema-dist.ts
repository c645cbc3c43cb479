/**
 * Distributions of durations (service times, job runtimes, injected latency), as written in a scenario.
 * A plain duration string is a fixed value. Lognormal takes one of three parameter pairs; which one is
 * checked by `normalize` (a cross-field rule, reported with a message that names the pairs).
 */
import { z } from 'zod';
import { duration, expecting, number, oneOf, strict } from './schema-primitives.js';

const distKind = <K extends string>(kind: K) => z.literal(kind);

function variants() {
  return [
    strict({ dist: distKind('fixed'), value: duration().describe('The constant value.') }).describe(
      'Always the same duration.',
    ),
    strict({
      dist: distKind('uniform'),
      min: duration().describe('Smallest value.'),
      max: duration().describe('Largest value.'),
    }).describe('Uniform between min and max.'),
    strict({ dist: distKind('exponential'), mean: duration().describe('The mean.') }).describe(
      'Exponential (memoryless), e.g. M/M/c service times.',
    ),
    strict({
      dist: distKind('normal'),
      mean: duration().describe('The mean.'),
      sd: duration().describe('The standard deviation.'),
    }).describe('Normal, truncated at 0.'),
    strict({
      dist: distKind('lognormal'),
      median: duration().describe('The median (p50); give it with p95 or p99.').optional(),
      p95: duration().describe('The 95th percentile, with median.').optional(),
      p99: duration().describe('The 99th percentile, with median.').optional(),
      mu: z
        .number({ error: expecting('a number') })
        .describe('Mean of ln(ms); give it with sigma.')
        .optional(),
      sigma: number(0).describe('Standard deviation of ln(ms); give it with mu.').optional(),
    }).describe('Lognormal: {median, p95}, {median, p99} or {mu, sigma} (parameters of ln of milliseconds).'),
    strict({
      dist: distKind('pareto'),
      scale: duration().describe('The minimum value (x_m).'),
      shape: number(0, Number.POSITIVE_INFINITY, true).describe(
        'The tail index alpha; mean is infinite when <= 1.',
      ),
    }).describe('Pareto: a heavy tail above scale.'),
  ] as const;
}

const [fixedDist, uniformDist, exponentialDist, normalDist, lognormalDist, paretoDist] = variants();

const weight = number(0, Number.POSITIVE_INFINITY, true).describe('Relative weight of this component.');

/** Mixture components: any non-mixture distribution with a weight (mixtures do not nest). */
const component = z
  .discriminatedUnion('dist', [
    fixedDist.extend({ weight }),
    uniformDist.extend({ weight }),
    exponentialDist.extend({ weight }),
    normalDist.extend({ weight }),
    lognormalDist.extend({ weight }),
    paretoDist.extend({ weight }),
  ])
  .describe('A component: {weight, dist, ...parameters}.');

const mixtureDist = strict({
  dist: distKind('mixture'),
  of: z
    .array(component, { error: expecting('a list of components') })
    .min(1, { error: expecting('at least one component') })
    .describe('The components, each with a weight.'),
}).describe('A weighted mixture, e.g. bimodal latency.');

export const distObject = z.discriminatedUnion('dist', [
  fixedDist,
  uniformDist,
  exponentialDist,
  normalDist,
  lognormalDist,
  paretoDist,
  mixtureDist,
]);

export const dist = () =>
  oneOf(
    [duration(), distObject],
    'a duration like 250ms or a distribution like {dist: lognormal, median: 30ms, p95: 200ms}',
  ).describe(
    'A duration (fixed) or a distribution: {dist: fixed|uniform|exponential|normal|lognormal|pareto|mixture, ...}.',
  );

export type RawDist = z.output<ReturnType<typeof dist>>;
export type RawDistObject = z.output<typeof distObject>;
export type RawComponent = z.output<typeof component>;
