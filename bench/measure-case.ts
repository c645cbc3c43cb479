/**
 * The child's side of a case: build the scenario, time `simulate` alone and read the process's figures.
 * Kept apart from the entry point (case.ts) so it can be imported without running anything.
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import type { Scenario } from '../src/core/scenario/types.js';
import type { SimRun } from '../src/engine/sim/run.js';
import { simulate } from '../src/engine/sim/run.js';
import { BASELINE_CASE, type CaseReport } from './case-report.js';
import { findCase, SOURCE } from './scenarios.js';

function metricNumber(metrics: SimRun['metrics'], key: string): number {
  const v = metrics[key];
  if (typeof v !== 'number') throw new Error(`Failed to read metric ${key}: got ${String(v)}`);
  return v;
}

/** Requests sent (the bench source's attempts) and served (by the endpoint's last stage). */
export function requestCounts(scenario: Scenario, run: SimRun): { requests: number; served: number } {
  const lastStage = Object.values(scenario.backend.endpoints)[0]?.stages.at(-1);
  if (lastStage === undefined)
    throw new Error(`Failed to count requests: scenario ${scenario.name} has no stage`);
  return {
    requests: metricNumber(run.metrics, `traffic.${SOURCE}.attempts`),
    served: metricNumber(run.metrics, `stage.${lastStage}.served`),
  };
}

function spaceMb(name: string): number {
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === name);
  return space === undefined ? 0 : Math.round((space.space_size / 2 ** 20) * 10) / 10;
}

function processFigures(): Pick<
  CaseReport,
  'maxRssKb' | 'heapUsedBytes' | 'cpuMs' | 'newSpaceMb' | 'oldSpaceMb'
> {
  const cpu = process.cpuUsage();
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssKb: process.resourceUsage().maxRSS,
    heapUsedBytes: process.memoryUsage().heapUsed,
    newSpaceMb: spaceMb('new_space'),
    oldSpaceMb: spaceMb('old_space'),
  };
}

export function measureCase(name: string): CaseReport {
  if (name === BASELINE_CASE) {
    return {
      case: name,
      virtualMs: 0,
      requests: 0,
      served: 0,
      events: 0,
      simulationMs: 0,
      ...processFigures(),
    };
  }
  const benchCase = findCase(name);
  if (benchCase === undefined) throw new Error(`Failed to run case ${name}: no such case`);
  const scenario = benchCase.build();
  const start = performance.now();
  const run = simulate(scenario, 'default', scenario.seed);
  const simulationMs = performance.now() - start;
  return {
    case: name,
    virtualMs: scenario.durationMs,
    ...requestCounts(scenario, run),
    events: run.events,
    simulationMs,
    ...processFigures(),
  };
}
