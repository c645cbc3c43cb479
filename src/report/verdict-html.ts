/** The verdict banner: did every policy meet its thresholds, and did each recover after the faults? */
import { escapeHtml } from './escape.js';
import { formatDuration, formatMetric } from './format.js';
import { columnLabel, type PolicyColumn, type ReportModel, type Verdict, verdictOf } from './model.js';

export function swatch(c: PolicyColumn): string {
  return `<span class="swatch c${c.index % 8}${Math.floor(c.index / 8) % 2 === 1 ? ' alt' : ''}" aria-hidden="true"></span>`;
}

function thresholdsLine(v: Verdict, c: PolicyColumn): string {
  const seeds = c.runs.length;
  const { total, failed } = v.thresholds;
  if (total === 0) return '<li class="muted">no thresholds set</li>';
  const basis = seeds > 1 ? ` (mean of ${seeds} seeds)` : '';
  if (failed.length === 0)
    return `<li><span class="ok">✓ thresholds passed</span> ${total} of ${total}${basis}</li>`;
  const items = failed
    .map(
      (t) =>
        `<li><span class="bad">✗</span> <code>${escapeHtml(t.metric)} ${escapeHtml(t.condition.trim())}</code> — ${
          c.runs.every((r) => r.metrics[t.metric] === undefined)
            ? 'not reported by this run'
            : `was ${escapeHtml(formatMetric(t.metric, t.value))}`
        }</li>`,
    )
    .join('');
  return `<li><span class="bad">✗ thresholds failed</span> ${failed.length} of ${total}${basis}</li>${items}`;
}

function recoveryLine(v: Verdict): string {
  const r = v.recovery;
  switch (r.kind) {
    case 'no-faults':
      return '<li class="muted">no faults injected</li>';
    case 'recovered':
      return `<li><span class="ok">✓ recovered</span> ${escapeHtml(formatDuration(r.ms))} after the last fault ended${r.seeds > 1 ? ` (mean of ${r.seeds} seeds)` : ''}</li>`;
    case 'metastable':
      return `<li><span class="bad">⚠ metastable</span>: never recovered after the faults ended${r.of > 1 ? ` (${r.seeds} of ${r.of} seeds)` : ''}</li>`;
    case 'not-evaluated':
      return '<li><span class="warn">? recovery not evaluated</span>: the run ended less than 30 s after the last fault</li>';
  }
}

export function verdictHtml(model: ReportModel): string {
  const verdicts = model.columns.map((c) => ({
    c,
    v: verdictOf(c, model.summaries[c.summaryIndex]!.scenario),
  }));
  const withThresholds = verdicts.filter(({ v }) => v.thresholds.total > 0);
  const failing = withThresholds.filter(({ v }) => v.thresholds.failed.length > 0);
  const metastable = verdicts.filter(({ v }) => v.recovery.kind === 'metastable');
  const recovered = verdicts.filter(({ v }) => v.recovery.kind === 'recovered');
  const n = verdicts.length;
  const policies = (k: number): string => `${k} ${k === 1 ? 'policy' : 'policies'}`;

  let cls: 'pass' | 'fail' | 'none';
  let head: string;
  if (withThresholds.length === 0) {
    cls = metastable.length > 0 ? 'fail' : 'none';
    head = 'No thresholds set';
  } else if (failing.length === 0) {
    cls = 'pass';
    head = `✓ PASS — every threshold met by ${n === 1 ? 'the policy' : `all ${n} policies`}`;
  } else {
    cls = 'fail';
    head = `✗ FAIL — thresholds failed for ${failing.length} of ${policies(n)}`;
  }
  const subs: string[] = [];
  if (metastable.length > 0) subs.push(`⚠ ${policies(metastable.length)} stayed metastable after the faults`);
  if (recovered.length > 0) subs.push(`${policies(recovered.length)} recovered`);
  const failingNames = failing.map(({ c }) => escapeHtml(columnLabel(c)));
  if (failingNames.length > 0 && failingNames.length < n) subs.push(`failing: ${failingNames.join(', ')}`);

  const cards = verdicts
    .map(
      ({ c, v }) => `<div class="verdict-card" data-policy-index="${c.index}">
  <div class="name">${swatch(c)}<span>${escapeHtml(columnLabel(c))}</span></div>
  <ul>${thresholdsLine(v, c)}${recoveryLine(v)}</ul>
</div>`,
    )
    .join('\n');
  return `<section class="verdict ${cls}" aria-label="Verdict">
<div class="verdict-head"><span>${head}</span>${subs.length > 0 ? `<span class="sub">${subs.join(' · ')}</span>` : ''}</div>
<div class="verdict-cards">
${cards}
</div>
</section>`;
}
