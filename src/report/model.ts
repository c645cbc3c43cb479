/**
 * What a report compares: one column per (summary, policy), with its runs over every seed, the value of a
 * metric it shows (the run's value with one seed, the mean over seeds with several), its thresholds and
 * its verdict. A comparison report of several summaries lays their columns side by side.
 */
import type { MetricValue } from '../core/metrics/run-metrics.js';
import { type FaultWindow, faultSpan, faultWindows } from '../core/model/fault-timeline.js';
import type { Fault, Scenario } from '../core/scenario/types.js';
import type { ThresholdResult } from '../core/thresholds.js';
import type { AggregateStat, RunSummary, Summary } from '../engine/summary.js';
import { compareMetric, metricDirection } from './directions.js';
import { formatMetric } from './format.js';

/** Okabe & Ito (2008), "Color Universal Design": eight colours told apart with any colour vision. */
export const PALETTE_SIZE = 8;

export interface PolicyColumn {
  /** Position among all columns: picks the colour (and a dash pattern past the palette's eight). */
  index: number;
  summaryIndex: number;
  policy: string;
  /** The summary it came from, when the report compares several; empty otherwise. */
  summaryLabel: string;
  runs: RunSummary[];
  aggregate: Record<string, AggregateStat>;
  thresholds: ThresholdResult[];
  /** The scenario's fault windows end here (ms), or null without faults. */
  lastFaultEndMs: number | null;
}

export interface Verdict {
  thresholds: { total: number; failed: ThresholdResult[] };
  recovery:
    | { kind: 'no-faults' }
    | { kind: 'recovered'; ms: number; seeds: number }
    | { kind: 'metastable'; seeds: number; of: number }
    | { kind: 'not-evaluated' };
}

export interface ReportModel {
  summaries: Summary[];
  summaryLabels: string[];
  columns: PolicyColumn[];
}

/** Scenario normalized in memory holds Infinity; read back from JSON it holds null. */
export function faultWindowsOf(scenario: Scenario): FaultWindow[] {
  const faults = scenario.faults.map((f) => {
    const read = f as { forMs: number | null; times?: number | null };
    return {
      ...f,
      forMs: read.forMs ?? Number.POSITIVE_INFINITY,
      ...(read.times === null ? { times: Number.POSITIVE_INFINITY } : {}),
    };
  }) as Fault[];
  return faultWindows(faults, scenario.durationMs);
}

export function buildModel(summaries: Summary[]): ReportModel {
  const summaryLabels = labelSummaries(summaries);
  const columns: PolicyColumn[] = [];
  summaries.forEach((summary, summaryIndex) => {
    const span = faultSpan(faultWindowsOf(summary.scenario));
    const policies = [...new Set(summary.runs.map((r) => r.policy))];
    for (const policy of policies) {
      const runs = summary.runs.filter((r) => r.policy === policy);
      columns.push({
        index: columns.length,
        summaryIndex,
        policy,
        summaryLabel: summaries.length > 1 ? (summaryLabels[summaryIndex] as string) : '',
        runs,
        aggregate: summary.aggregate[policy] ?? {},
        thresholds: summary.aggregateThresholds?.[policy] ?? runs.flatMap((r) => r.thresholds),
        lastFaultEndMs: span === null ? null : Math.min(span.lastEndMs, summary.scenario.durationMs),
      });
    }
  });
  return { summaries, summaryLabels, columns };
}

/** Tells summaries apart by what differs between them: scenario name, version, engine, seeds. */
function labelSummaries(summaries: Summary[]): string[] {
  const parts = summaries.map((s) => [
    s.scenario.name,
    `v${s.tool.version}`,
    s.engine,
    `seed ${s.seeds.length > 1 ? `${s.seeds[0]}…${s.seeds[s.seeds.length - 1]}` : s.seeds[0]}`,
  ]);
  const varying = [0, 1, 2, 3].filter((i) => new Set(parts.map((p) => p[i])).size > 1);
  return parts.map((p, i) => (varying.length === 0 ? `run ${i + 1}` : varying.map((k) => p[k]).join(' · ')));
}

export function columnLabel(c: PolicyColumn): string {
  return c.summaryLabel === '' ? c.policy : `${c.policy} (${c.summaryLabel})`;
}

/** The value a column shows for a metric: the run's with one seed, the mean over seeds with several. */
export function columnValue(c: PolicyColumn, metric: string): MetricValue | undefined {
  if (c.runs.length === 1) return c.runs[0]?.metrics[metric];
  const agg = c.aggregate[metric];
  if (agg !== undefined) return agg.mean;
  // Not aggregated: some seed had null (e.g. never recovered); show the first seed's value.
  return c.runs[0]?.metrics[metric];
}

export function columnStat(c: PolicyColumn, metric: string): AggregateStat | undefined {
  return c.runs.length > 1 ? c.aggregate[metric] : undefined;
}

/**
 * Columns whose value is the best for this metric, or none when it has no direction or all are equal.
 * Values that read the same in the table (`14.6 /s` and `14.6 /s`) tie: a star on a difference nobody
 * can see would mislead.
 */
export function bestColumns(columns: PolicyColumn[], metric: string): Set<number> {
  const best = new Set<number>();
  if (columns.length < 2 || metricDirection(metric) === undefined) return best;
  const values = columns.map((c) => columnValue(c, metric));
  if (values.every((v) => v === undefined)) return best;
  let top = values[0];
  for (const v of values) if (compareMetric(metric, v, top) > 0) top = v;
  const shown = (v: MetricValue | undefined): string => formatMetric(metric, v);
  const ties = (v: MetricValue | undefined): boolean =>
    compareMetric(metric, v, top) === 0 || shown(v) === shown(top);
  if (values.every(ties)) return best;
  values.forEach((v, i) => {
    if (v !== undefined && ties(v)) best.add(i);
  });
  return best;
}

export function verdictOf(c: PolicyColumn, scenario: Scenario): Verdict {
  const failed = c.thresholds.filter((t) => !t.pass);
  const thresholds = { total: c.thresholds.length, failed };
  if (scenario.faults.length === 0) return { thresholds, recovery: { kind: 'no-faults' } };
  const metastable = c.runs.filter((r) => r.metrics['recovery.metastable'] === true).length;
  if (metastable > 0)
    return { thresholds, recovery: { kind: 'metastable', seeds: metastable, of: c.runs.length } };
  const recovered = c.runs
    .map((r) => r.metrics['recovery.ms'])
    .filter((v): v is number => typeof v === 'number');
  if (recovered.length === 0) return { thresholds, recovery: { kind: 'not-evaluated' } };
  const ms = recovered.reduce((s, v) => s + v, 0) / recovered.length;
  return { thresholds, recovery: { kind: 'recovered', ms, seeds: recovered.length } };
}

/** Every metric name any column reports, in first-seen order. */
export function allMetricNames(columns: PolicyColumn[]): string[] {
  const names = new Set<string>();
  for (const c of columns) for (const r of c.runs) for (const k of Object.keys(r.metrics)) names.add(k);
  return [...names];
}
