/**
 * Thresholds, k6-style: `metric: ["< 50", ">= 0.9", "== false"]`. A threshold on a metric that is null
 * (e.g. `recovery.ms` when the system never recovered) fails, except `== null`.
 */
import type { MetricValue, Metrics } from './metrics/run-metrics.js';

export interface ThresholdResult {
  metric: string;
  condition: string;
  value: MetricValue;
  pass: boolean;
}

const CONDITION = /^\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|true|false|null)\s*$/i;

export interface ParsedCondition {
  op: '<' | '<=' | '>' | '>=' | '==' | '!=';
  operand: number | boolean | null;
}

export function parseCondition(text: string): ParsedCondition | undefined {
  const m = CONDITION.exec(text);
  if (m === null) return undefined;
  const raw = (m[2] as string).toLowerCase();
  const operand = raw === 'true' ? true : raw === 'false' ? false : raw === 'null' ? null : Number(raw);
  return { op: m[1] as ParsedCondition['op'], operand };
}

/** Equality that also reads a mean over seeds (0–1) against true/false: `== false` holds only at 0. */
function same(value: MetricValue, operand: ParsedCondition['operand']): boolean {
  if (typeof value === 'number' && typeof operand === 'boolean') return value === Number(operand);
  return value === operand;
}

export function checkCondition(value: MetricValue | undefined, c: ParsedCondition): boolean {
  if (value === undefined) return false;
  switch (c.op) {
    case '==':
      return same(value, c.operand);
    case '!=':
      return !same(value, c.operand);
  }
  if (typeof value !== 'number' || typeof c.operand !== 'number') return false;
  switch (c.op) {
    case '<':
      return value < c.operand;
    case '<=':
      return value <= c.operand;
    case '>':
      return value > c.operand;
    case '>=':
      return value >= c.operand;
  }
}

export function evaluateThresholds(metrics: Metrics, thresholds: Record<string, string[]>): ThresholdResult[] {
  const results: ThresholdResult[] = [];
  for (const [metric, conditions] of Object.entries(thresholds)) {
    for (const condition of conditions) {
      const parsed = parseCondition(condition);
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
