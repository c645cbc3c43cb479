/**
 * Thresholds, k6-style: `metric: ["< 50", ">= 0.9", "== false"]`. A threshold on a metric that is null
 * (e.g. `recovery.ms` when the system never recovered) fails. Conditions are parsed by the scenario
 * loader's parser, which already refused any that does not parse.
 */
import type { MetricValue, Metrics } from './metrics/run-metrics.js';
import { parseThresholdCondition, type ThresholdCondition } from './scenario/metrics.js';

export interface ThresholdResult {
  metric: string;
  condition: string;
  value: MetricValue;
  pass: boolean;
}

/** Equality that also reads a mean over seeds (0–1) against true/false: `== false` holds only at 0. */
function same(value: MetricValue, operand: ThresholdCondition['value']): boolean {
  if (typeof value === 'number' && typeof operand === 'boolean') return value === Number(operand);
  return value === operand;
}

export function checkCondition(value: MetricValue | undefined, c: ThresholdCondition): boolean {
  if (value === undefined) return false;
  switch (c.op) {
    case '==':
      return same(value, c.value);
    case '!=':
      return !same(value, c.value);
  }
  if (typeof value !== 'number' || typeof c.value !== 'number') return false;
  switch (c.op) {
    case '<':
      return value < c.value;
    case '<=':
      return value <= c.value;
    case '>':
      return value > c.value;
    case '>=':
      return value >= c.value;
  }
}

export function evaluateThresholds(metrics: Metrics, thresholds: Record<string, string[]>): ThresholdResult[] {
  const results: ThresholdResult[] = [];
  for (const [metric, conditions] of Object.entries(thresholds)) {
    for (const condition of conditions) {
      const parsed = parseThresholdCondition(condition);
      const value = metrics[metric];
      results.push({
        metric,
        condition,
        value: value === undefined ? null : value,
        pass: parsed !== undefined && checkCondition(value, parsed),
      });
    }
  }
  return results;
}
