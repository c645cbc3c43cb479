/**
 * The report's stylesheet, shared with the index page. Colours are custom properties so dark mode (which
 * follows the system) and print (always light, on paper) only swap values; the page's script reads the same
 * properties to colour the charts. Series colours are Okabe & Ito's colour-blind-safe palette, with its
 * black slot turned light in dark mode.
 */
const LIGHT = `
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --border: #d0d7de; --panel: #f6f8fa;
  --grid: rgba(27, 31, 36, 0.09); --fault: rgba(230, 159, 0, 0.16); --fault-label: #8a5a00;
  --pass: #00734f; --pass-bg: #e3f4ec; --fail: #b3420a; --fail-bg: #fbe9e1; --warn: #8a5a00; --warn-bg: #fdf3dc;
  --best-bg: rgba(0, 158, 115, 0.13);
  --c0: #0072b2; --c1: #d55e00; --c2: #009e73; --c3: #cc79a7; --c4: #e69f00; --c5: #56b4e9; --c6: #000000; --c7: #f0e442;
  color-scheme: light;`;

const DARK = `
  --bg: #111418; --fg: #e6edf3; --muted: #9aa5b1; --border: #30363d; --panel: #1a1f25;
  --grid: rgba(230, 237, 243, 0.10); --fault: rgba(230, 159, 0, 0.20); --fault-label: #f0c060;
  --pass: #3fcf98; --pass-bg: #0f2e23; --fail: #ff8a50; --fail-bg: #3a1c10; --warn: #f0c060; --warn-bg: #3a2e10;
  --best-bg: rgba(0, 158, 115, 0.22);
  --c0: #3a9ad9; --c1: #e36f1e; --c2: #00b386; --c3: #d98cb6; --c4: #e69f00; --c5: #56b4e9; --c6: #e6edf3; --c7: #f0e442;
  color-scheme: dark;`;

export const REPORT_CSS = `
:root, .theme-light {${LIGHT}}
@media (prefers-color-scheme: dark) { :root {${DARK}} }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 1320px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 28px; line-height: 1.2; margin: 0 0 6px; overflow-wrap: anywhere; }
h2 { font-size: 20px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--border); }
h3 { font-size: 16px; margin: 24px 0 8px; }
p { margin: 6px 0; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
pre { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 12px 14px; overflow: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
a { color: var(--c0); }
.muted { color: var(--muted); }
.small { font-size: 13px; }
.description { font-size: 16px; max-width: 90ch; white-space: pre-wrap; overflow-wrap: anywhere; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 18px; color: var(--muted); font-size: 14px; margin-top: 8px; }
.meta b { color: var(--fg); font-weight: 600; }
.warning { border: 1px solid var(--warn); background: var(--warn-bg); color: var(--fg); padding: 8px 12px; border-radius: 6px; margin: 12px 0; }

.verdict { margin-top: 20px; border-radius: 8px; border: 1px solid var(--border); overflow: hidden; }
.verdict-head { padding: 12px 16px; font-size: 18px; font-weight: 700; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.verdict-head .sub { font-weight: 400; font-size: 15px; }
.verdict.pass .verdict-head { background: var(--pass-bg); color: var(--pass); }
.verdict.fail .verdict-head { background: var(--fail-bg); color: var(--fail); }
.verdict.none .verdict-head { background: var(--panel); }
.verdict-cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); margin-right: -1px; }
.verdict-card { padding: 10px 14px; border-top: 1px solid var(--border); border-right: 1px solid var(--border); }
.verdict-card .name { font-weight: 650; display: flex; align-items: center; gap: 8px; overflow-wrap: anywhere; }
.verdict-card ul { margin: 6px 0 0; padding-left: 0; list-style: none; font-size: 14px; }
.verdict-card li { margin: 2px 0; }
.ok { color: var(--pass); font-weight: 600; }
.bad { color: var(--fail); font-weight: 600; }
.warn { color: var(--warn); font-weight: 600; }

.swatch { display: inline-block; width: 22px; height: 0; border-top: 3px solid var(--sw); flex: none; vertical-align: middle; }
.swatch.alt { border-top-style: dashed; }
.c0 { --sw: var(--c0); } .c1 { --sw: var(--c1); } .c2 { --sw: var(--c2); } .c3 { --sw: var(--c3); }
.c4 { --sw: var(--c4); } .c5 { --sw: var(--c5); } .c6 { --sw: var(--c6); } .c7 { --sw: var(--c7); }

.table-wrap { overflow-x: auto; border: 1px solid var(--border); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: 6px 10px; text-align: right; border-bottom: 1px solid var(--border); vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
thead th { background: var(--panel); position: sticky; top: 0; font-weight: 650; vertical-align: bottom; }
thead th .name { display: inline-flex; gap: 6px; align-items: center; overflow-wrap: break-word; min-width: 7em; justify-content: flex-end; }
tbody tr.group th { text-align: left; background: var(--panel); font-weight: 650; font-size: 13px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
tbody td.metric { font-family: ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, monospace; font-size: 13px; }
tbody td.metric .dir { font-family: system-ui, sans-serif; color: var(--muted); font-size: 12px; margin-left: 6px; white-space: nowrap; }
td.value { font-variant-numeric: tabular-nums; white-space: nowrap; }
table.compare td:first-child, table.compare th:first-child { position: sticky; left: 0; z-index: 1; background: var(--bg); }
table.compare thead th:first-child { background: var(--panel); z-index: 2; }
table.compare tr.group th { position: static; }
td.best { background: var(--best-bg); font-weight: 650; }
.badge { font-size: 12px; margin-left: 4px; }
td .fails { color: var(--fail); margin-left: 4px; }
details { margin: 12px 0; }
summary { cursor: pointer; color: var(--muted); }

.legend { position: sticky; top: 0; z-index: 5; background: var(--bg); border-bottom: 1px solid var(--border); padding: 8px 0; display: flex; flex-wrap: wrap; gap: 6px 8px; align-items: center; }
.legend .hint { color: var(--muted); font-size: 13px; margin-right: 6px; }
.legend button { font: inherit; font-size: 14px; color: var(--fg); background: var(--panel); border: 1px solid var(--border); border-radius: 999px; padding: 3px 12px 3px 8px; cursor: pointer; display: inline-flex; align-items: center; gap: 8px; }
.legend button[aria-pressed="false"] { opacity: 0.45; text-decoration: line-through; }
.chart-key { color: var(--muted); font-size: 13px; margin: 8px 0 0; }
.chart-key .fault-key { display: inline-block; width: 16px; height: 10px; background: var(--fault); border: 1px solid var(--fault-label); vertical-align: middle; margin-right: 4px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 18px; }
.chart { margin: 0; border: 1px solid var(--border); border-radius: 8px; padding: 10px 12px 6px; min-width: 0; break-inside: avoid; }
.chart.wide { grid-column: 1 / -1; }
.chart figcaption { font-weight: 650; font-size: 14px; display: flex; justify-content: space-between; gap: 8px; align-items: baseline; }
.chart figcaption button { font: inherit; font-size: 12px; font-weight: 400; color: var(--fg); background: var(--panel); border: 1px solid var(--border); border-radius: 4px; padding: 1px 8px; cursor: pointer; }
.plot { min-height: 240px; }
.readout { font-size: 12px; color: var(--muted); min-height: 1.5em; margin: 2px 0 0; font-variant-numeric: tabular-nums; }
.readout b { color: var(--fg); font-weight: 600; }
.uplot { width: 100% !important; font-family: inherit; }
.u-legend { font-size: 12px; text-align: left; margin: 2px 0 0; }
.u-legend th, .u-legend td { border: 0; text-align: left; padding: 0; background: none; position: static; }
.u-legend.u-inline tr { margin-right: 10px; }
.u-legend .u-series > * { padding: 1px 2px; }
.u-legend .u-marker { width: 14px; height: 3px; }
.u-select { background: var(--grid); }

.cascade { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 12px; }
.cascade .card { border: 1px solid var(--border); border-radius: 8px; padding: 10px 14px; }
.cascade .card .name { font-weight: 650; display: flex; gap: 8px; align-items: center; overflow-wrap: anywhere; }
.cascade .figure { font-size: 26px; font-weight: 700; font-variant-numeric: tabular-nums; }
.cascade .figure.best { color: var(--pass); }
.cascade dl { margin: 6px 0 0; }
.cascade dt { color: var(--muted); font-size: 13px; }
.cascade dd { margin: 0 0 6px; }

.runs th, .runs td { text-align: left; }
footer { margin-top: 48px; color: var(--muted); font-size: 13px; }

@media (max-width: 700px) { main { padding: 16px; } .charts { grid-template-columns: 1fr; } }
@media print {
  :root {${LIGHT}}
  @page { margin: 14mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  .legend { position: static; }
  .legend button, .chart figcaption button { display: none; }
  .charts { display: block; }
  .chart { margin: 0 0 12px; page-break-inside: avoid; }
  .table-wrap { overflow: visible; border: none; }
  thead th { position: static; }
  details > summary { display: none; }
  details > *:not(summary) { display: block; }
  pre { white-space: pre-wrap; }
  a { color: inherit; text-decoration: none; }
}
`;
