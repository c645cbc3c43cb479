/**
 * The policy comparison table: key metrics side by side, the best value of each row marked with the
 * metric's direction, mean ± 95% CI when a policy ran on several seeds, failed thresholds flagged.
 * Every other metric follows in a collapsed table of the same shape.
 */
import { metricDirection } from './directions.js';
import { escapeHtml } from './escape.js';
import { formatMeanCi, formatMetric } from './format.js';
import {
  allMetricNames,
  bestColumns,
  columnLabel,
  columnStat,
  columnValue,
  type PolicyColumn,
  type ReportModel,
} from './model.js';
import { swatch } from './verdict-html.js';

const OUTCOME = ['goodput.perSec', 'recovery.ms', 'recovery.metastable'];
const JOBS = [
  'jobs.completed',
  'jobs.failed',
  'jobs.lost',
  'jobs.pending',
  'jobs.throughputPerMin',
  'jobs.queueWait.p95',
  'jobs.progressLag.p95',
];
const POLLS = [
  'poll.attempts',
  'poll.ok',
  'poll.timeouts',
  'poll.errors',
  'poll.rejected',
  'poll.amplification',
  'poll.latency.p50',
  'poll.latency.p99',
];
const LOGS = [
  'logs.error',
  'logs.warning',
  'logs.errorPeakPerMin',
  'workers.crashes',
  'workers.minAlive',
  'cascade.peakWorkersTimingOut',
  'cascade.peakTimeoutsPer10s',
];
const TRAFFIC = ['attempts', 'ok', 'timeouts', 'errors', 'rejected', 'latency.p50', 'latency.p99'];
const STAGE = ['utilization', 'wait.p95', 'queue.max', 'rejected', 'abandoned', 'wastedMs'];

/** Key metrics in groups, keeping only those some column reports. */
export function keyMetricGroups(model: ReportModel): Array<[group: string, metrics: string[]]> {
  const present = new Set(allMetricNames(model.columns));
  const thresholded = new Set(model.summaries.flatMap((s) => Object.keys(s.scenario.thresholds)));
  const groups: Array<[string, string[]]> = [
    ['Outcome', [...OUTCOME]],
    ['Jobs', JOBS],
    ['Polls', POLLS],
    ['Logs, workers and cascade', LOGS],
  ];
  const sources = new Set(model.summaries.flatMap((s) => Object.keys(s.scenario.workload.traffic)));
  for (const source of sources)
    groups.push([`Traffic: ${source}`, TRAFFIC.map((m) => `traffic.${source}.${m}`)]);
  const stages = new Set(model.summaries.flatMap((s) => Object.keys(s.scenario.backend.stages)));
  for (const stage of stages) groups.push([`Stage: ${stage}`, STAGE.map((m) => `stage.${stage}.${m}`)]);
  const listed = new Set(groups.flatMap(([, ms]) => ms));
  // A metric a threshold is set on is key by definition.
  for (const metric of thresholded)
    if (!listed.has(metric)) (groups[0] as [string, string[]])[1].push(metric);
  return groups
    .map(([g, ms]) => [g, ms.filter((m) => present.has(m) || thresholded.has(m))] as [string, string[]])
    .filter(([, ms]) => ms.length > 0);
}

function directionHint(metric: string): string {
  const d = metricDirection(metric);
  if (d === undefined) return '';
  return `<span class="dir" title="${d === 'higher' ? 'more is better' : 'less is better'}">${d === 'higher' ? '↑ more is better' : '↓ less is better'}</span>`;
}

function cell(c: PolicyColumn, metric: string, best: boolean): string {
  const stat = columnStat(c, metric);
  const text =
    stat !== undefined
      ? formatMeanCi(metric, stat.mean, stat.ci95)
      : formatMetric(metric, columnValue(c, metric));
  const title =
    stat !== undefined
      ? ` title="min ${escapeHtml(formatMetric(metric, stat.min))}, max ${escapeHtml(formatMetric(metric, stat.max))} over ${c.runs.length} seeds"`
      : '';
  const failed = c.thresholds.filter((t) => t.metric === metric && !t.pass);
  const fails =
    failed.length > 0
      ? `<span class="fails" title="fails ${escapeHtml(failed.map((t) => t.condition.trim()).join(', '))}">✗</span>`
      : '';
  const badge = best
    ? `<span class="badge" title="best: ${metricDirection(metric) === 'higher' ? 'more' : 'less'} is better">★</span>`
    : '';
  return `<td class="value${best ? ' best' : ''}"${title}>${escapeHtml(text)}${badge}${fails}</td>`;
}

function header(model: ReportModel): string {
  const seeds = Math.max(...model.columns.map((c) => c.runs.length));
  const ths = model.columns
    .map((c) => `<th scope="col"><span class="name">${swatch(c)}${escapeHtml(columnLabel(c))}</span></th>`)
    .join('');
  return `<thead><tr><th scope="col">metric${seeds > 1 ? ' <span class="muted small">(mean ± 95% CI)</span>' : ''}</th>${ths}</tr></thead>`;
}

function rows(model: ReportModel, groups: Array<[string, string[]]>): string {
  const span = model.columns.length + 1;
  return groups
    .map(([group, metrics]) => {
      const body = metrics
        .map((metric) => {
          const best = bestColumns(model.columns, metric);
          const cells = model.columns.map((c, i) => cell(c, metric, best.has(i))).join('');
          return `<tr><td class="metric">${escapeHtml(metric)}${directionHint(metric)}</td>${cells}</tr>`;
        })
        .join('\n');
      return `<tr class="group"><th colspan="${span}" scope="rowgroup">${escapeHtml(group)}</th></tr>\n${body}`;
    })
    .join('\n');
}

export function comparisonTableHtml(model: ReportModel): string {
  const key = keyMetricGroups(model);
  const keyed = new Set(key.flatMap(([, ms]) => ms));
  const rest = allMetricNames(model.columns).filter((m) => !keyed.has(m));
  const restGroups = new Map<string, string[]>();
  for (const m of rest) {
    const g = m
      .split('.')
      .slice(0, m.startsWith('stage.') || m.startsWith('traffic.') ? 2 : 1)
      .join('.');
    restGroups.set(g, [...(restGroups.get(g) ?? []), m]);
  }
  const legend = `<p class="small muted">★ marks the best value in a row (the arrow says which way is better); ✗ marks a failed threshold.${
    model.columns.some((c) => c.runs.length > 1)
      ? ' With several seeds each cell is the mean ± the 95% confidence half-width (Student t); hover for min and max.'
      : ''
  }</p>`;
  return `<div class="table-wrap"><table class="compare">${header(model)}<tbody>
${rows(model, key)}
</tbody></table></div>
${legend}
${
  rest.length === 0
    ? ''
    : `<details><summary>All ${rest.length} other metrics</summary><div class="table-wrap"><table class="compare">${header(model)}<tbody>
${rows(model, [...restGroups.entries()])}
</tbody></table></div></details>`
}`;
}
