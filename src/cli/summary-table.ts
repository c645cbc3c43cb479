/**
 * The terminal summary of a run: the policies side by side (one column each), the key metrics of
 * DESIGN §5 as rows (only those the runs report), the best value of each row marked, then the thresholds
 * per policy. With several seeds each cell is the mean ± its 95% confidence half-width.
 */
import type { MetricValue } from '../core/metrics/run-metrics.js';
import type { Summary } from '../engine/summary.js';
import { compareMetric, metricDirection } from '../report/directions.js';
import { formatDuration, formatMeanCi, formatMetric } from '../report/format.js';
import type { Style } from './style.js';
import { textTable } from './text-table.js';
import { policiesOf, thresholdResults } from './verdict.js';

/** The rows, in reading order: work done, the pollers, their logs and workers, traffic, stages, recovery. */
export function keyMetrics(summary: Summary): string[] {
  const traffic = Object.keys(summary.scenario.workload.traffic);
  const stages = Object.keys(summary.scenario.backend.stages);
  const wanted = [
    'jobs.completed',
    'jobs.lost',
    'jobs.throughputPerMin',
    'poll.attempts',
    'poll.timeouts',
    'poll.errors',
    'poll.latency.p99',
    'logs.error',
    'cascade.peakWorkersTimingOut',
    'workers.crashes',
    ...traffic.flatMap((s) => [`traffic.${s}.ok`, `traffic.${s}.timeouts`, `traffic.${s}.latency.p99`]),
    ...stages.map((s) => `stage.${s}.utilization`),
    'goodput.perSec',
    'recovery.ms',
    'recovery.metastable',
  ];
  // A metric a threshold is on is one the author cares about: show it too.
  for (const metric of Object.keys(summary.scenario.thresholds))
    if (!wanted.includes(metric)) wanted.push(metric);
  return wanted.filter((m) => summary.runs.some((r) => m in r.metrics));
}

/** What one policy's column holds for a metric: the run's value, or the mean over seeds. */
export function columnValue(summary: Summary, policy: string, metric: string): MetricValue | undefined {
  const runs = summary.runs.filter((r) => r.policy === policy);
  if (runs.length === 1) return runs[0]?.metrics[metric];
  const stat = summary.aggregate[policy]?.[metric];
  if (stat !== undefined) return stat.mean;
  return runs.some((r) => r.metrics[metric] !== undefined) ? null : undefined;
}

function cellText(summary: Summary, policy: string, metric: string): string {
  const runs = summary.runs.filter((r) => r.policy === policy);
  if (runs.length <= 1) return formatMetric(metric, runs[0]?.metrics[metric]);
  const stat = summary.aggregate[policy]?.[metric];
  if (stat !== undefined) return formatMeanCi(metric, stat.mean, stat.ci95);
  // Some seeds gave no value (recovery.ms of a run that never recovered): say how many.
  const missing = runs.filter(
    (r) => typeof r.metrics[metric] !== 'number' || !Number.isFinite(r.metrics[metric]),
  ).length;
  return `${formatMetric(metric, null)} in ${missing}/${runs.length}`;
}

/** Indices of the best policies for a metric; none when all are equal or the metric has no direction. */
export function bestOf(values: Array<MetricValue | undefined>, metric: string): Set<number> {
  const best = new Set<number>();
  if (values.length < 2 || metricDirection(metric) === undefined) return best;
  let top = 0;
  for (let i = 1; i < values.length; i++) if (compareMetric(metric, values[i], values[top]) > 0) top = i;
  for (let i = 0; i < values.length; i++)
    if (compareMetric(metric, values[i], values[top]) === 0) best.add(i);
  return best.size === values.length ? new Set() : best;
}

function seedsText(seeds: number[]): string {
  if (seeds.length === 1) return `seed ${seeds[0]}`;
  const consecutive = seeds.every((s, i) => s === (seeds[0] as number) + i);
  return consecutive ? `seeds ${seeds[0]}–${seeds[seeds.length - 1]}` : `seeds ${seeds.join(', ')}`;
}

export function headline(summary: Summary): string {
  const policies = policiesOf(summary);
  return [
    summary.scenario.name,
    `${summary.engine} engine`,
    `${formatDuration(summary.scenario.durationMs)} simulated`,
    seedsText(summary.seeds),
    `${policies.length} ${policies.length === 1 ? 'policy' : 'policies'}`,
  ].join(' · ');
}

export function metricsTable(summary: Summary, style: Style): string {
  const policies = policiesOf(summary);
  const metrics = keyMetrics(summary);
  const rows = metrics.map((metric) => {
    const best = bestOf(
      policies.map((p) => columnValue(summary, p, metric)),
      metric,
    );
    return [
      metric,
      ...policies.map((p, i) => {
        const text = cellText(summary, p, metric);
        return best.has(i) ? style.bold(style.green(`${text} *`)) : `${text}  `;
      }),
    ];
  });
  return textTable(['metric', ...policies.map((p) => `${p}  `)], rows, '  ');
}

export function thresholdsTable(summary: Summary, style: Style): string | undefined {
  const results = thresholdResults(summary);
  const policies = policiesOf(summary);
  const first = results.get(policies[0] ?? '') ?? [];
  if (first.length === 0) return undefined;
  const rows = first.map((t, i) => [
    `${t.metric} ${t.condition}`,
    ...policies.map((p) => {
      const r = results.get(p)?.[i];
      if (r === undefined) return '—';
      const value = formatMetric(r.metric, r.value);
      return r.pass ? `${style.green('pass')} ${value}` : `${style.bold(style.red('FAIL'))} ${value}`;
    }),
  ]);
  const title = summary.seeds.length > 1 ? 'threshold (on the mean)' : 'threshold';
  return textTable([title, ...policies], rows, '  ');
}

/** The whole terminal summary, ending with a newline. */
export function summaryText(summary: Summary, style: Style): string {
  const parts = [style.bold(headline(summary)), '', metricsTable(summary, style)];
  if (policiesOf(summary).length > 1) parts.push(style.dim('  * best of the policies for that metric'));
  const thresholds = thresholdsTable(summary, style);
  if (thresholds !== undefined) parts.push('', thresholds);
  return `${parts.join('\n')}\n`;
}
