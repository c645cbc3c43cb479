/**
 * The live engine: every policy of a scenario on each seed, one after another, each against its own
 * fastify backend on loopback with real undici pollers, on a clock scaled by `timeScale`. The summary is
 * the simulator's (same metrics, same JSON), with `engine: 'live'`; an aborted run keeps what it measured
 * and marks the summary partial.
 */
import type { Scenario } from '../../core/scenario/types.js';
import { buildSummary, type Summary } from '../summary.js';
import { type LiveRun, liveRun } from './run.js';

export { type LiveRun, type LiveRunOptions, liveRun } from './run.js';
export { RealtimeScheduler, type RealtimeOptions } from './scheduler.js';
export { SLOW_BODY_BYTES } from './slow-body.js';
export { scaledBelowResolution, timeScaleWarning } from './time-scale.js';

export interface LiveOptions {
  /** Policies to run (default: all, in file order). */
  policies?: string[];
  /** Seeds to run each policy on (default: the scenario's seed). */
  seeds?: number[];
  /** Wall ms per scenario ms (default 1): 0.05 runs 20× faster. */
  timeScale?: number;
  /** Ctrl-C: ends the current run now; the runs after it do not start. */
  signal?: AbortSignal;
  host?: string;
  onRun?: (run: LiveRun, done: number, total: number) => void;
  onWarning?: (line: string) => void;
  /** Each run's backend is listening, e.g. `http://127.0.0.1:41234`. */
  onListening?: (origin: string) => void;
}

export interface LiveOutcome {
  /** Finished runs, then the interrupted one (measured up to its `endMs`) if any. */
  runs: LiveRun[];
  interrupted: boolean;
}

export async function runLiveRuns(scenario: Scenario, options: LiveOptions = {}): Promise<LiveOutcome> {
  const policies = options.policies ?? Object.keys(scenario.policies);
  const seeds = options.seeds ?? [scenario.seed];
  const total = policies.length * seeds.length;
  const runs: LiveRun[] = [];
  for (const policy of policies) {
    for (const seed of seeds) {
      if (options.signal?.aborted) return { runs, interrupted: true };
      const run = await liveRun(scenario, policy, seed, {
        timeScale: options.timeScale ?? 1,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.host === undefined ? {} : { host: options.host }),
        ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
        ...(options.onListening === undefined ? {} : { onListening: options.onListening }),
      });
      runs.push(run);
      if (run.interrupted) return { runs, interrupted: true };
      options.onRun?.(run, runs.length, total);
    }
  }
  return { runs, interrupted: false };
}

export async function runLive(scenario: Scenario, options: LiveOptions = {}): Promise<Summary> {
  const seeds = options.seeds ?? [scenario.seed];
  const outcome = await runLiveRuns(scenario, options);
  return buildSummary(scenario, 'live', seeds, outcome.runs, outcome.interrupted);
}
