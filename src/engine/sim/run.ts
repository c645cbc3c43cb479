/**
 * One simulated run: a scenario under one policy and one seed, in virtual time. The world (backend,
 * sources, fleet, faults, recorder) is driven by the discrete-event kernel and the in-process transport.
 */
import type { Metrics } from '../../core/metrics/run-metrics.js';
import type { SeriesJson } from '../../core/metrics/series.js';
import { Backend } from '../../core/model/backend.js';
import { RandomSource } from '../../core/random/prng.js';
import type { Scenario } from '../../core/scenario/types.js';
import { World } from '../world.js';
import { SimKernel } from './kernel.js';
import { SimTransport } from './transport.js';

export interface SimRun {
  policy: string;
  seed: number;
  metrics: Metrics;
  series: SeriesJson;
  /** Kernel timers fired: the simulator's unit of work, for benchmarks. */
  events: number;
}

export function simulate(scenario: Scenario, policyName: string, seed: number): SimRun {
  const policy = scenario.policies[policyName];
  if (policy === undefined) throw new Error(`Failed to simulate: policy ${policyName} is not defined`);
  const kernel = new SimKernel();
  const random = new RandomSource(seed);
  const backend = new Backend(scenario.backend, kernel, random);
  const transport = new SimTransport(backend, kernel);
  const world = new World({ scenario, policy, random, sched: kernel, transport, backend });
  world.start();
  kernel.run(scenario.durationMs);
  return { policy: policyName, seed, ...world.finish(scenario.durationMs), events: kernel.fired };
}
