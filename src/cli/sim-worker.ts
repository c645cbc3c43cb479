/**
 * The simulator in a worker thread. A run is one long synchronous computation; off the main thread, the
 * main thread stays free to draw progress and to answer Ctrl-C with the runs completed so far.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../core/scenario/types.js';
import { simulateScenario } from '../engine/sim/index.js';

export interface SimJob {
  scenario: Scenario;
  policies: string[];
  seeds: number[];
}

export type SimMessage =
  | { kind: 'run'; run: { policy: string; seed: number; metrics: unknown; series: unknown } }
  | { kind: 'done' }
  | { kind: 'error'; message: string; stack: string };

const port = parentPort;
if (port !== null) {
  const job = workerData as SimJob;
  try {
    simulateScenario(job.scenario, {
      policies: job.policies,
      seeds: job.seeds,
      onRun: (run) => {
        const { policy, seed, metrics, series } = run;
        port.postMessage({ kind: 'run', run: { policy, seed, metrics, series } } satisfies SimMessage);
      },
    });
    port.postMessage({ kind: 'done' } satisfies SimMessage);
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    port.postMessage({
      kind: 'error',
      message: error.message,
      stack: error.stack ?? error.message,
    } satisfies SimMessage);
  }
}
