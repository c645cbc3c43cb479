/** The simulator engine: every policy of a scenario on each seed, in virtual time. */
import type { Scenario } from '../../core/scenario/types.js';
import { buildSummary, type Summary } from '../summary.js';
import { type SimRun, simulate } from './run.js';

export { SimKernel } from './kernel.js';
export { type SimRun, simulate } from './run.js';

export interface SimOptions {
  /** Policies to run (default: all, in file order). */
  policies?: string[];
  /** Seeds to run each policy on (default: the scenario's seed). */
  seeds?: number[];
  /** Called after each run, e.g. for progress. */
  onRun?: (run: SimRun, done: number, total: number) => void;
}

export function simulateScenario(scenario: Scenario, options: SimOptions = {}): Summary {
  const policies = options.policies ?? Object.keys(scenario.policies);
  const seeds = options.seeds ?? [scenario.seed];
  const runs: SimRun[] = [];
  const total = policies.length * seeds.length;
  for (const policy of policies) {
    for (const seed of seeds) {
      const run = simulate(scenario, policy, seed);
      runs.push(run);
      options.onRun?.(run, runs.length, total);
    }
  }
  return buildSummary(scenario, 'sim', seeds, runs);
}
