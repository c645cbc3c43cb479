/**
 * Drives the live engine for `run --engine live` with the simulator driver's outcome shape, so the run
 * command treats both engines alike. Ctrl-C ends the run in progress at once; its measurements up to
 * then are kept (the summary is marked partial) and the server and pollers are closed before this returns.
 */
import type { Scenario } from '../core/scenario/types.js';
import { runLiveRuns } from '../engine/live/index.js';
import type { CompletedRun, SimOutcome } from './run-sim.js';

export interface LiveDriveOptions {
  policies: string[];
  seeds: number[];
  timeScale: number;
  signal?: AbortSignal;
  onRun?: (run: CompletedRun, done: number, total: number) => void;
  onWarning?: (line: string) => void;
}

/** The outcome, and how many runs went to their end (an interrupted run is in `runs` but not counted). */
export async function runLiveEngine(
  scenario: Scenario,
  options: LiveDriveOptions,
): Promise<SimOutcome & { finished: number }> {
  try {
    const { runs, interrupted } = await runLiveRuns(scenario, options);
    const finished = runs.filter((r) => !r.interrupted).length;
    return { kind: interrupted ? 'interrupted' : 'done', runs, finished };
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    return {
      kind: 'failed',
      runs: [],
      message: error.message,
      stack: error.stack ?? error.message,
      finished: 0,
    };
  }
}
