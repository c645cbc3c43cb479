/**
 * Drives the simulator worker: collects each finished run, reports progress, and on abort (Ctrl-C)
 * stops the worker and hands back what was completed.
 */
import { Worker } from 'node:worker_threads';
import type { Metrics } from '../core/metrics/run-metrics.js';
import type { SeriesJson } from '../core/metrics/series.js';
import type { Scenario } from '../core/scenario/types.js';
import type { SimJob, SimMessage } from './sim-worker.js';

export interface CompletedRun {
  policy: string;
  seed: number;
  metrics: Metrics;
  series: SeriesJson;
}

export type SimOutcome =
  | { kind: 'done'; runs: CompletedRun[] }
  | { kind: 'interrupted'; runs: CompletedRun[] }
  | { kind: 'failed'; runs: CompletedRun[]; message: string; stack: string };

export interface SimDriveOptions {
  policies: string[];
  seeds: number[];
  signal?: AbortSignal;
  onRun?: (run: CompletedRun, done: number, total: number) => void;
}

export function runSimulation(scenario: Scenario, options: SimDriveOptions): Promise<SimOutcome> {
  const job: SimJob = { scenario, policies: options.policies, seeds: options.seeds };
  const total = job.policies.length * job.seeds.length;
  const runs: CompletedRun[] = [];
  return new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(new URL('./sim-worker.js', import.meta.url), { workerData: job });
    const finish = (outcome: SimOutcome): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolve(outcome);
    };
    const onAbort = (): void => finish({ kind: 'interrupted', runs });
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: SimMessage) => {
      if (settled) return;
      switch (message.kind) {
        case 'run': {
          const run = message.run as CompletedRun;
          runs.push(run);
          options.onRun?.(run, runs.length, total);
          break;
        }
        case 'done':
          finish({ kind: 'done', runs });
          break;
        case 'error':
          finish({ kind: 'failed', runs, message: message.message, stack: message.stack });
          break;
      }
    });
    worker.on('error', (e) =>
      finish({ kind: 'failed', runs, message: e.message, stack: e.stack ?? e.message }),
    );
    worker.on('exit', (code) => {
      if (!settled)
        finish({ kind: 'failed', runs, message: `the simulator stopped (exit code ${code})`, stack: '' });
    });
  });
}
