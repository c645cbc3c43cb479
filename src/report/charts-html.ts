/**
 * The chart part of the page: the policy legend, one figure per chart (the script draws into it), and the
 * cascade panel. Titles and legend labels are written here, escaped, so they read without JavaScript.
 */
import type { Chart, ChartData } from './charts.js';
import { escapeHtml } from './escape.js';
import { formatMetric, formatNumber } from './format.js';
import { bestColumns, columnLabel, columnValue, type ReportModel } from './model.js';
import { swatch } from './verdict-html.js';

export function legendHtml(model: ReportModel): string {
  const buttons = model.columns
    .map(
      (c) =>
        `<button type="button" data-column="${c.index}" aria-pressed="true" title="show or hide on every chart">${swatch(c)}<span>${escapeHtml(columnLabel(c))}</span></button>`,
    )
    .join('');
  return `<div class="legend" role="group" aria-label="Policies on the charts"><span class="hint">Policies (click to toggle):</span>${buttons}</div>`;
}

export function chartKeyHtml(data: ChartData): string {
  const parts = ['Rates are per second of each time bucket; gauges are the maximum seen in the bucket.'];
  if (data.faults.length > 0)
    parts.push('<span class="fault-key"></span>shaded: fault windows, labelled at the top.');
  if (data.columns.some((c) => c.recoveryAtS !== null))
    parts.push('▲ and dotted line: the recovery point, in the policy’s colour.');
  if (data.charts.some((c) => c.kind === 'time' && c.thresholds.length > 0))
    parts.push('Dashed line: a threshold.');
  parts.push('Drag across a time chart to zoom in, double-click to zoom out.');
  return `<p class="chart-key">${parts.join(' ')}</p>`;
}

function figure(chart: Chart, index: number): string {
  const wide = chart.kind === 'time' && chart.id === 'latency';
  const toggle =
    chart.kind === 'time' && chart.log
      ? '<button type="button" class="log-toggle">linear scale</button>'
      : '';
  return `<figure class="chart${wide ? ' wide' : ''}" data-chart="${index}" data-chart-id="${escapeHtml(chart.id)}">
<figcaption><span>${escapeHtml(chart.title)}</span>${toggle}</figcaption>
<div class="plot" role="img" aria-label="${escapeHtml(`${chart.title}; y axis: ${chart.yLabel}`)}"></div>
</figure>`;
}

/** Figures of the charts whose section passes `which`, grouped under a heading per section. */
export function chartSectionsHtml(
  data: ChartData,
  which: (section: string) => boolean,
  headings = true,
): string {
  const sections = new Map<string, string[]>();
  data.charts.forEach((chart, i) => {
    if (!which(chart.section)) return;
    sections.set(chart.section, [...(sections.get(chart.section) ?? []), figure(chart, i)]);
  });
  return [...sections.entries()]
    .map(
      ([section, figures]) =>
        `${headings ? `<h3>${escapeHtml(section)}</h3>\n` : ''}<div class="charts">\n${figures.join('\n')}\n</div>`,
    )
    .join('\n');
}

/** The highest per-second timeout rate in any bucket, from the charted series. */
function peakTimeoutRate(data: ChartData, column: number): number | undefined {
  const chart = data.charts.find((c) => c.id === 'rate:timeouts');
  const series = chart?.series.find((s) => s.column === column);
  if (series === undefined) return undefined;
  return Array.isArray(series.y) ? Math.max(0, ...series.y.map((v) => v ?? 0)) : 0;
}

export function cascadeHtml(model: ReportModel, data: ChartData): string {
  const metrics: Array<[metric: string, label: string]> = [
    ['cascade.peakWorkersTimingOut', 'peak workers timing out together (within 5 s)'],
    ['cascade.peakTimeoutsPer10s', 'peak timeouts in 10 s'],
  ];
  const measured = metrics.filter(([m]) => model.columns.some((c) => columnValue(c, m) !== undefined));
  const peaks = model.columns.map((c) => peakTimeoutRate(data, c.index));
  const bestPeak = Math.min(...peaks.filter((p): p is number => p !== undefined));
  const cards = model.columns
    .map((c, i) => {
      const rows = measured.map(([m, label]) => {
        const v = columnValue(c, m);
        const best = bestColumns(model.columns, m).has(i);
        return `<dt>${escapeHtml(label)}</dt><dd class="figure${best ? ' best' : ''}">${escapeHtml(formatMetric(m, v))}${best ? ' <span class="badge" title="best: less is better">★</span>' : ''}</dd>`;
      });
      const peak = peaks[i];
      if (peak !== undefined) {
        const best =
          model.columns.length > 1 && peak === bestPeak && peaks.some((p) => p !== undefined && p > peak);
        rows.push(
          `<dt>peak timeouts per second (any bucket, all clients)</dt><dd class="figure${best ? ' best' : ''}">${escapeHtml(formatNumber(peak))} /s${best ? ' <span class="badge" title="best: less is better">★</span>' : ''}</dd>`,
        );
      }
      return `<div class="card"><div class="name">${swatch(c)}<span>${escapeHtml(columnLabel(c))}</span></div><dl>${rows.join('')}</dl></div>`;
    })
    .join('\n');
  const note =
    measured.length === 0
      ? '<p class="small muted">The cascade metrics (<code>cascade.peakWorkersTimingOut</code>, <code>cascade.peakTimeoutsPer10s</code>) count fleet pollers; these runs have none, so the peak timeout rate from the time series stands in.</p>'
      : '<p class="small muted">How many pollers gave up at once: the seed incident saw 5 workers time out within 4 s, then retry together.</p>';
  return `${note}\n<div class="cascade">\n${cards}\n</div>`;
}
