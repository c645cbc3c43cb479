/** The scenario language: schema, normalization to `Scenario`, problems, metric names. */
export type * from './types.js';
export {
  defineScenario,
  parseScenarioText,
  type ScenarioResult,
  scenarioFromValue,
  scenarioJsonSchema,
} from './load.js';
export { type FaultResult, faultFromValue } from './load-fault.js';
export {
  knownMetricNames,
  parseThresholdCondition,
  STAGE_METRICS,
  type ThresholdCondition,
  type ThresholdOperator,
  TRAFFIC_METRICS,
} from './metrics.js';
export { applyPolicyDefaults, mergePolicies } from './normalize-policy.js';
export { normalizeScenario } from './normalize.js';
export { type RawScenario, type ScenarioInput, scenarioSchema } from './schema.js';
export type { RawPolicy } from './schema-policy.js';
