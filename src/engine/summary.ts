/**
 * The summary JSON of DESIGN §5: one run per policy and seed, thresholds evaluated per run, and an
 * aggregate (mean, 95% confidence interval, min, max) per policy and metric. It holds no wall-clock field,
 * so the same scenario, seed and engine give the same bytes.
 */
import type { Metrics } from '../core/metrics/run-metrics.js';
import type { SeriesJson } from '../core/metrics/series.js';
import type { Scenario } from '../core/scenario/types.js';
import { evaluateThresholds, type ThresholdResult } from '../core/thresholds.js';
import { TOOL } from '../version.js';

export interface RunSummary {
  policy: string;
  seed: number;
  metrics: Metrics;
  thresholds: ThresholdResult[];
  series: SeriesJson;
}

export interface AggregateStat {
  mean: number;
  ci95: number;
  min: number;
  max: number;
}

export interface Summary {
  schema: 1;
  tool: { name: string; version: string };
  scenario: Scenario;
  engine: 'sim' | 'live';
  seeds: number[];
  /** Set when the run was interrupted: the runs hold what was measured until then. */
  partial?: boolean;
  runs: RunSummary[];
  aggregate: Record<string, Record<string, AggregateStat>>;
  /** With several seeds, thresholds are checked against each policy's mean. */
  aggregateThresholds?: Record<string, ThresholdResult[]>;
}

/** Student's t quantile t(0.975, n−1) for small n; 1.96 beyond the table. */
const T975 = [Number.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

function tQuantile(df: number): number {
  return df < T975.length ? (T975[df] as number) : 1.96;
}

export function aggregate(values: number[]): AggregateStat {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = n > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0;
  const ci95 = n > 1 ? tQuantile(n - 1) * Math.sqrt(variance / n) : 0;
  return { mean: round6(mean), ci95: round6(ci95), min: Math.min(...values), max: Math.max(...values) };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function buildSummary(
  scenario: Scenario,
  engine: 'sim' | 'live',
  seeds: number[],
  runs: Array<{ policy: string; seed: number; metrics: Metrics; series: SeriesJson }>,
  partial = false,
): Summary {
  const out: Summary = {
    schema: 1,
    tool: { ...TOOL },
    scenario,
    engine,
    seeds,
    ...(partial ? { partial: true } : {}),
    runs: runs.map((r) => ({
      policy: r.policy,
      seed: r.seed,
      metrics: r.metrics,
      thresholds: evaluateThresholds(r.metrics, scenario.thresholds),
      series: r.series,
    })),
    aggregate: {},
  };
  const policies = [...new Set(runs.map((r) => r.policy))];
  for (const policy of policies) {
    const mine = runs.filter((r) => r.policy === policy);
    const agg: Record<string, AggregateStat> = {};
    for (const metric of Object.keys(mine[0]?.metrics ?? {})) {
      const values = mine.map((r) => r.metrics[metric]);
      const numeric = values.map((v) => (typeof v === 'boolean' ? Number(v) : v));
      if (numeric.every((v): v is number => typeof v === 'number' && Number.isFinite(v))) agg[metric] = aggregate(numeric);
    }
    out.aggregate[policy] = agg;
  }
  if (seeds.length > 1) {
    out.aggregateThresholds = {};
    for (const policy of policies) {
      const means: Metrics = {};
      for (const [metric, stat] of Object.entries(out.aggregate[policy] ?? {})) means[metric] = stat.mean;
      out.aggregateThresholds[policy] = evaluateThresholds(means, scenario.thresholds);
    }
  }
  return out;
}

/** Serializes a summary: unbounded values (Infinity) are written as null, keys keep their order. */
export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}
