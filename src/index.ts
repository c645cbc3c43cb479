/**
 * pollstorm's public API: write scenarios in TypeScript, load them, simulate them and read the summary,
 * serve a scenario's backend to real clients — the same pieces the command line is built from.
 *
 *   import { defineScenario } from 'pollstorm';
 *   export default defineScenario({ name: 'mine', duration: '10m', ... });
 */
export { loadScenarioFile } from './adapters/scenario-file.js';
export { type RunningServe, type ServeOptions, startServe } from './adapters/serve/server.js';
export type { MetricValue, Metrics } from './core/metrics/run-metrics.js';
export {
  defineScenario,
  knownMetricNames,
  parseScenarioText,
  type ScenarioInput,
  type ScenarioResult,
  scenarioFromValue,
  scenarioJsonSchema,
} from './core/scenario/index.js';
export type { ClientPolicy, Scenario } from './core/scenario/types.js';
export type { ThresholdResult } from './core/thresholds.js';
export { type SimOptions, simulateScenario } from './engine/sim/index.js';
export { type AggregateStat, type RunSummary, type Summary, summaryJson } from './engine/summary.js';
export { TOOL, VERSION } from './version.js';
