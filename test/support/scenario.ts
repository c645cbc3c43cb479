/** Builders of normalized scenarios for tests that exercise the core without the YAML loader. */
import type { Dist } from '../../src/core/random/distributions.js';
import { clientPolicy, stageConfig } from '../../src/core/scenario/build.js';
import type { ClientPolicy, Scenario, Stage, TrafficSource } from '../../src/core/scenario/types.js';

export { clientPolicy as basePolicy, stageConfig as stage, UNBOUNDED as NONE } from '../../src/core/scenario/build.js';

export function poissonSource(ratePerSec: number, endpoint = 'e', client?: ClientPolicy): TrafficSource {
  return { endpoint, arrival: { kind: 'poisson', ratePerSec }, keys: 1000, ...(client ? { client } : {}) };
}

/** One stage `s`, one endpoint `e` through it, one Poisson source `load`. */
export function singleStage(opts: {
  concurrency: number;
  service: Dist;
  ratePerSec: number;
  durationMs: number;
  policy?: ClientPolicy;
  stage?: Partial<Stage>;
  faults?: Scenario['faults'];
  seed?: number;
}): Scenario {
  return {
    name: 'single-stage',
    seed: opts.seed ?? 1,
    durationMs: opts.durationMs,
    bucketMs: Math.max(1000, Math.ceil(opts.durationMs / 2000 / 1000) * 1000),
    backend: {
      endpoints: { e: { method: 'GET', path: '/e', stages: ['s'] } },
      stages: { s: stageConfig(opts.concurrency, opts.service, opts.stage) },
    },
    workload: { traffic: { load: poissonSource(opts.ratePerSec) } },
    faults: opts.faults ?? [],
    policies: { default: opts.policy ?? clientPolicy() },
    thresholds: {},
  };
}
