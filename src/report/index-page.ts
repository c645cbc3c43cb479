/**
 * reports/index.html: every saved summary, newest first, with its key metrics and verdict per policy and a
 * link to its report (the sibling .html) — the history a release manager compares across releases.
 * Plain HTML and CSS, no script; like the reports it makes no network request.
 */
import { documentHead } from './document-head.js';
import type { MetricValue } from '../core/metrics/run-metrics.js';
import type { Summary } from '../engine/summary.js';
import { escapeHtml } from './escape.js';
import { formatMetric } from './format.js';
import { buildModel, columnValue, type PolicyColumn, verdictOf } from './model.js';
import { REPORT_CSS } from './styles.js';
import { swatch } from './verdict-html.js';

export interface IndexEntry {
  /** Path of the summary JSON, relative to the index page. */
  file: string;
  summary: Summary;
  mtimeMs: number;
}

/**
 * The report beside a summary: `runs/a.summary.json` (what `run --out` writes) or `runs/a.json` →
 * `./runs/a.html`, each segment URL-encoded.
 */
export function reportHref(file: string): string {
  const html = `${file.replace(/(\.summary)?\.json$/i, '')}.html`;
  const encoded = html.split('/').map(encodeURIComponent).join('/');
  // A relative path that looks like a scheme (`javascript:x.html`) must stay a path.
  return html.startsWith('/') ? encoded : `./${encoded}`;
}

/** When the summary was written, in UTC so the page reads the same on every machine. */
function when(mtimeMs: number): string {
  const d = new Date(mtimeMs);
  return Number.isNaN(d.getTime()) ? '—' : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The p99 latency a reader compares: the pollers' when there is a fleet, else the first traffic source's. */
function p99(c: PolicyColumn, summary: Summary): [string, MetricValue | undefined] {
  if (columnValue(c, 'poll.latency.p99') !== undefined)
    return ['poll.latency.p99', columnValue(c, 'poll.latency.p99')];
  const source = Object.keys(summary.scenario.workload.traffic)[0];
  const metric = `traffic.${source}.latency.p99`;
  return [metric, columnValue(c, metric)];
}

/** Timeouts of the fleet's pollers when there is a fleet, else of all traffic sources together. */
function timeouts(c: PolicyColumn, summary: Summary): number | undefined {
  const poll = columnValue(c, 'poll.timeouts');
  if (typeof poll === 'number') return poll;
  let total: number | undefined;
  for (const source of Object.keys(summary.scenario.workload.traffic)) {
    const v = columnValue(c, `traffic.${source}.timeouts`);
    if (typeof v === 'number') total = (total ?? 0) + v;
  }
  return total;
}

function policyRow(c: PolicyColumn, summary: Summary): string {
  const v = verdictOf(c, summary.scenario);
  const thresholds =
    v.thresholds.total === 0
      ? '<span class="muted">—</span>'
      : v.thresholds.failed.length === 0
        ? `<span class="ok">✓ pass</span>`
        : `<span class="bad" title="${escapeHtml(v.thresholds.failed.map((t) => `${t.metric} ${t.condition.trim()}`).join('; '))}">✗ fail ${v.thresholds.failed.length}/${v.thresholds.total}</span>`;
  const r = v.recovery;
  const recovery =
    r.kind === 'no-faults'
      ? '<span class="muted">no faults</span>'
      : r.kind === 'recovered'
        ? `<span class="ok">✓</span> ${escapeHtml(formatMetric('recovery.ms', r.ms))}`
        : r.kind === 'metastable'
          ? '<span class="bad">⚠ metastable</span>'
          : '<span class="warn">not evaluated</span>';
  const [p99Metric, p99Value] = p99(c, summary);
  const jobs = columnValue(c, 'jobs.throughputPerMin');
  const t = timeouts(c, summary);
  return `<td><span class="name">${swatch(c)} ${escapeHtml(c.policy)}</span></td><td>${thresholds}</td><td>${recovery}</td>
<td class="value">${escapeHtml(formatMetric('goodput.perSec', columnValue(c, 'goodput.perSec')))}</td>
<td class="value">${jobs === undefined ? '—' : escapeHtml(formatMetric('jobs.throughputPerMin', jobs))}</td>
<td class="value">${t === undefined ? '—' : escapeHtml(formatMetric('poll.timeouts', Math.round(t)))}</td>
<td class="value" title="${escapeHtml(p99Metric)}">${escapeHtml(formatMetric(p99Metric, p99Value))}</td>`;
}

function entryRows(entry: IndexEntry): string {
  const { summary } = entry;
  const columns = buildModel([summary]).columns;
  const span = Math.max(1, columns.length);
  const seeds =
    summary.seeds.length > 1
      ? `seeds ${summary.seeds[0]}…${summary.seeds[summary.seeds.length - 1]}`
      : `seed ${summary.seeds[0]}`;
  const head = `<td rowspan="${span}">${escapeHtml(when(entry.mtimeMs))}</td>
<td rowspan="${span}"><a href="${escapeHtml(reportHref(entry.file))}">${escapeHtml(summary.scenario.name)}</a>${summary.partial === true ? ' <span class="warn">(partial)</span>' : ''}<br><span class="small muted">${escapeHtml(entry.file)}</span></td>
<td rowspan="${span}">${escapeHtml(summary.tool.version)}<br><span class="small muted">${escapeHtml(summary.engine)} · ${escapeHtml(seeds)}</span></td>`;
  if (columns.length === 0) return `<tr>${head}<td colspan="7" class="muted">no runs</td></tr>`;
  return columns.map((c, i) => `<tr>${i === 0 ? head : ''}${policyRow(c, summary)}</tr>`).join('\n');
}

export function renderIndex(entries: IndexEntry[]): string {
  const sorted = [...entries].sort((a, b) => b.mtimeMs - a.mtimeMs || a.file.localeCompare(b.file));
  const body =
    sorted.length === 0
      ? '<p class="muted">No summaries yet: <code>npx pollstorm run &lt;scenario&gt;</code> writes one here.</p>'
      : `<div class="table-wrap"><table class="runs index">
<thead><tr><th>written</th><th>scenario · report</th><th>pollstorm</th><th>policy</th><th>thresholds</th><th>recovery</th><th>goodput</th><th>jobs/min</th><th title="the fleet's polls, or all traffic without a fleet">timeouts</th><th title="the fleet's polls, or the first traffic source without a fleet">p99 latency</th></tr></thead>
<tbody>
${sorted.map(entryRows).join('\n')}
</tbody></table></div>`;
  return `${documentHead('pollstorm reports', { scripts: false })}
<style>${REPORT_CSS}
.index td, .index th { text-align: left; }
.index td.value { text-align: right; }
.index .name { display: inline-flex; gap: 6px; align-items: center; overflow-wrap: anywhere; }
</style>
</head>
<body>
<main>
<h1>pollstorm reports</h1>
<p class="muted">${sorted.length} ${sorted.length === 1 ? 'run' : 'runs'}, newest first. Each links to its self-contained HTML report. Verdicts: thresholds per policy (mean over seeds with several), and whether it recovered after the faults.</p>
${body}
<footer>Rebuilt after each run from the summaries in this folder.</footer>
</main>
</body>
</html>
`;
}
