/**
 * The HTML report: one self-contained file per run, or a comparison of several summaries side by side.
 * Everything is inline — CSS, uPlot (read from node_modules at render time), the page's script and the
 * chart data as JSON — and a Content-Security-Policy forbids any fetch, so the file opens from file://,
 * from a CI artifact or an e-mail a year later, and makes no network request of any kind.
 *
 * Tables and text are rendered here, so the numbers read (and print) without JavaScript; the script only
 * draws the charts. All user text (scenario name, description, policy names) is escaped.
 */
import { documentHead } from './document-head.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Summary } from '../engine/summary.js';
import { buildChartData } from './charts.js';
import { cascadeHtml, chartKeyHtml, chartSectionsHtml, legendHtml } from './charts-html.js';
import { CLIENT_JS } from './client-script.js';
import { comparisonTableHtml } from './comparison-table.js';
import { escapeHtml, inlineScript, inlineStyle, jsonForScript } from './escape.js';
import { formatDuration } from './format.js';
import { buildModel, type ReportModel } from './model.js';
import { reproduceHtml, scenarioHtml } from './scenario-html.js';
import { REPORT_CSS } from './styles.js';
import { verdictHtml } from './verdict-html.js';

export interface RenderOptions {
  /** The command line that produced the run or report, shown verbatim under "Reproduce". */
  command?: string | undefined;
}

let uplotAssets: { js: string; css: string } | undefined;

/** uPlot's browser build and stylesheet, read once from the installed package. */
function uplot(): { js: string; css: string } {
  if (uplotAssets === undefined) {
    const require = createRequire(import.meta.url);
    uplotAssets = {
      js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
      css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    };
  }
  return uplotAssets;
}

function headerHtml(model: ReportModel): string {
  const first = model.summaries[0] as Summary;
  const names = [...new Set(model.summaries.map((s) => s.scenario.name))];
  const title = model.summaries.length > 1 ? `Comparison: ${names.join(' vs ')}` : first.scenario.name;
  const descriptions = [
    ...new Set(
      model.summaries
        .map((s) => s.scenario.description)
        .filter((d): d is string => d !== undefined && d !== ''),
    ),
  ];
  const policies = model.columns.length;
  const seeds = [...new Set(model.summaries.flatMap((s) => s.seeds))];
  const meta = [
    `<span><b>pollstorm ${escapeHtml([...new Set(model.summaries.map((s) => s.tool.version))].join(', '))}</b></span>`,
    `<span>engine <b>${escapeHtml([...new Set(model.summaries.map((s) => s.engine))].join(', '))}</b></span>`,
    `<span>${seeds.length === 1 ? 'seed' : 'seeds'} <b>${escapeHtml(seeds.join(', '))}</b></span>`,
    `<span>duration <b>${escapeHtml([...new Set(model.summaries.map((s) => formatDuration(s.scenario.durationMs)))].join(', '))}</b></span>`,
    `<span>time bucket <b>${escapeHtml([...new Set(model.summaries.map((s) => formatDuration(s.scenario.bucketMs)))].join(', '))}</b></span>`,
    `<span><b>${policies}</b> ${policies === 1 ? 'policy' : 'policies'}${model.summaries.length > 1 ? ` from <b>${model.summaries.length}</b> summaries` : ''}</span>`,
  ];
  const partial = model.summaries.some((s) => s.partial === true)
    ? '<p class="warning">⚠ This run was interrupted: the numbers cover only what was measured until then.</p>'
    : '';
  return `<header>
<h1>${escapeHtml(title)}</h1>
${descriptions.map((d) => `<p class="description">${escapeHtml(d)}</p>`).join('\n')}
<div class="meta">${meta.join('')}</div>
${partial}
</header>`;
}

export function renderReport(summaries: Summary[], opts: RenderOptions = {}): string {
  if (summaries.length === 0) throw new Error('Failed to render the report: no summaries given');
  const model = buildModel(summaries);
  const data = buildChartData(model);
  const assets = uplot();
  const first = summaries[0] as Summary;
  const pageTitle =
    summaries.length > 1
      ? `pollstorm comparison — ${summaries.map((s) => s.scenario.name).join(' vs ')}`
      : `pollstorm — ${first.scenario.name}`;
  const hasTimeCharts = data.charts.some((c) => c.kind === 'time');
  const hasDistribution = data.charts.some((c) => c.kind === 'percentile');
  return `${documentHead(pageTitle, { scripts: true, generator: `pollstorm ${first.tool.version}` })}
<style>${inlineStyle(assets.css)}</style>
<style>${REPORT_CSS}</style>
</head>
<body>
<div class="theme-light" hidden></div>
<main>
${headerHtml(model)}
${verdictHtml(model)}

<section aria-labelledby="h-compare">
<h2 id="h-compare">Policies side by side</h2>
${comparisonTableHtml(model)}
</section>

${
  hasTimeCharts
    ? `<section aria-labelledby="h-time">
<h2 id="h-time">Over time</h2>
${legendHtml(model)}
${chartKeyHtml(data)}
<noscript><p class="warning">The charts need JavaScript; every number above is in the tables.</p></noscript>
${chartSectionsHtml(data, (s) => s !== 'Latency distribution')}
</section>`
    : ''
}

<section aria-labelledby="h-cascade">
<h2 id="h-cascade">Error cascade</h2>
${cascadeHtml(model, data)}
</section>

${
  hasDistribution
    ? `<section aria-labelledby="h-dist">
<h2 id="h-dist">Latency distribution</h2>
<p class="small muted">Whole-run percentiles of successful requests (log scale); the x axis spreads the tail as HdrHistogram’s percentile plot does.</p>
${chartSectionsHtml(data, (s) => s === 'Latency distribution', false)}
</section>`
    : ''
}

<section aria-labelledby="h-scenario">
<h2 id="h-scenario">Scenario</h2>
${scenarioHtml(summaries, model.summaryLabels)}
</section>

<section aria-labelledby="h-reproduce">
<h2 id="h-reproduce">Reproduce</h2>
${reproduceHtml(summaries, model.summaryLabels, opts.command)}
</section>

<footer>Generated by pollstorm ${escapeHtml(first.tool.version)}. This file is self-contained: it makes no network requests.</footer>
</main>
<script type="application/json" id="pollstorm-data">${jsonForScript(data)}</script>
<script>${inlineScript(assets.js)}</script>
<script>${inlineScript(CLIENT_JS)}</script>
</body>
</html>
`;
}
