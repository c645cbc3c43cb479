/**
 * Metric by metric, how one summary differs from another, per policy: the basis of `compare` and of
 * `run --baseline --max-regression`. A policy's value is its mean over seeds (its only run's value with one
 * seed); booleans count as 0/1. Whether a change is better or worse comes from the metric's direction.
 */
import type { Summary } from '../engine/summary.js';
import { metricDirection, regressionPercent } from '../report/directions.js';
import { policiesOf } from './verdict.js';

export interface MetricDelta {
  metric: string;
  before: number;
  after: number;
  /** Relative change of the value, in percent (undefined from 0 to 0, ±Infinity from 0). */
  changePercent: number;
  /** How much worse, in percent (negative: better); undefined when more is neither better nor worse. */
  regressionPercent: number | undefined;
  verdict: 'better' | 'worse' | 'same' | 'changed';
}

export interface PolicyPair {
  before: string;
  after: string;
}

/**
 * Which policy of `after` is compared with which of `before`: same names; when they share none and each
 * has one policy, those two (comparing one policy's run against another's).
 */
export function pairPolicies(before: Summary, after: Summary): { pairs: PolicyPair[]; unmatched: string[] } {
  const a = policiesOf(before);
  const b = policiesOf(after);
  const common = b.filter((p) => a.includes(p));
  if (common.length === 0 && a.length === 1 && b.length === 1) {
    return { pairs: [{ before: a[0] as string, after: b[0] as string }], unmatched: [] };
  }
  return { pairs: common.map((p) => ({ before: p, after: p })), unmatched: b.filter((p) => !a.includes(p)) };
}

function valuesOf(summary: Summary, policy: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [metric, stat] of Object.entries(summary.aggregate[policy] ?? {})) {
    if (typeof stat?.mean === 'number' && Number.isFinite(stat.mean)) out.set(metric, stat.mean);
  }
  return out;
}

export function metricDeltas(
  before: Summary,
  beforePolicy: string,
  after: Summary,
  afterPolicy: string,
): MetricDelta[] {
  const a = valuesOf(before, beforePolicy);
  const b = valuesOf(after, afterPolicy);
  const deltas: MetricDelta[] = [];
  for (const [metric, x] of a) {
    const y = b.get(metric);
    if (y === undefined) continue;
    const regression = regressionPercent(metric, x, y);
    const changePercent =
      x === y ? 0 : x === 0 ? Math.sign(y) * Number.POSITIVE_INFINITY : ((y - x) / Math.abs(x)) * 100;
    let verdict: MetricDelta['verdict'] = 'same';
    if (x !== y)
      verdict =
        metricDirection(metric) === undefined ? 'changed' : (regression ?? 0) > 0 ? 'worse' : 'better';
    deltas.push({ metric, before: x, after: y, changePercent, regressionPercent: regression, verdict });
  }
  return deltas;
}

export interface Regression extends MetricDelta {
  policy: string;
}

/** Every metric with a direction that got worse by more than `maxPercent` percent, per matched policy. */
export function findRegressions(baseline: Summary, current: Summary, maxPercent: number): Regression[] {
  const out: Regression[] = [];
  for (const pair of pairPolicies(baseline, current).pairs) {
    for (const d of metricDeltas(baseline, pair.before, current, pair.after)) {
      if (d.regressionPercent !== undefined && d.regressionPercent > maxPercent)
        out.push({ ...d, policy: pair.after });
    }
  }
  return out;
}

export function percentText(p: number): string {
  if (!Number.isFinite(p)) return p > 0 ? '+∞ %' : '−∞ %';
  const rounded = Math.abs(p) >= 100 ? Math.round(p) : Math.round(p * 10) / 10;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded)} %`;
}
