/** The scenario as it ran (faults, YAML) and the command that reproduces it, with version and seeds. */
import { Document, isScalar, visit } from 'yaml';
import type { Fault } from '../core/scenario/types.js';
import type { Summary } from '../engine/summary.js';
import { faultLabel } from './charts.js';
import { escapeHtml } from './escape.js';
import { formatDuration } from './format.js';

/** The summary JSON writes Infinity (unbounded queues, no timeout) as null; YAML can say `.inf`. */
function revive(value: unknown): unknown {
  if (value === null) return Number.POSITIVE_INFINITY;
  if (Array.isArray(value)) return value.map(revive);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, revive(v)]));
  return value;
}

export function scenarioYaml(summary: Summary): string {
  const header = [
    `# ${summary.scenario.name}: the normalized scenario this run used (pollstorm ${summary.tool.version}).`,
    '# Durations are in ms, rates per second, .inf means unbounded.',
  ]
    .map((l) => `${l.replace(/[\r\n]+/g, ' ')}\n`)
    .join('');
  const doc = new Document(revive(summary.scenario));
  // Small maps and lists of plain values on one line, as scenario files are written by hand.
  visit(doc, {
    Map(_, node) {
      if (node.items.length <= 6 && node.items.every((pair) => isScalar(pair.value))) node.flow = true;
    },
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return header + doc.toString({ lineWidth: 0 });
}

/** POSIX shell quoting: names with spaces or quotes survive a copy and paste. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return s === '' ? 'scenario' : s;
}

/** The `run` command for a summary: pinned version, engine, seeds, and the policies if not all ran. */
export function reproduceCommand(summary: Summary): string {
  const args = [
    'npx',
    `pollstorm@${summary.tool.version}`,
    'run',
    `${slug(summary.scenario.name)}.yaml`,
    '--engine',
    summary.engine,
  ];
  const seeds = summary.seeds;
  args.push('--seed', String(seeds[0] ?? summary.scenario.seed));
  if (seeds.length > 1) args.push('--seeds', String(seeds.length));
  const ran = [...new Set(summary.runs.map((r) => r.policy))];
  const all = Object.keys(summary.scenario.policies);
  if (ran.length !== all.length || ran.some((p, i) => p !== all[i]))
    for (const p of ran) args.push('--policy', p);
  const consecutive = seeds.every((s, i) => s === (seeds[0] as number) + i);
  const note = consecutive ? '' : `  # seeds ${seeds.join(', ')}`;
  return args.map(shellQuote).join(' ') + note;
}

function faultRows(summary: Summary): string {
  if (summary.scenario.faults.length === 0) return '<p class="muted">No faults injected.</p>';
  const d = (ms: number | null | undefined): string =>
    ms === null || ms === undefined ? '—' : formatDuration(ms);
  const rows = summary.scenario.faults
    .map((f: Fault) => {
      const read = f as Fault & { times?: number | null };
      const every =
        f.everyMs === undefined
          ? '—'
          : `${d(f.everyMs)}${read.times === undefined || read.times === null ? '' : ` × ${read.times}`}`;
      return `<tr><td>${escapeHtml(faultLabel(f))}</td><td>${escapeHtml(d(f.atMs))}</td><td>${escapeHtml(d(f.forMs))}</td><td>${escapeHtml(every)}</td></tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table class="runs"><thead><tr><th>fault</th><th>at</th><th>for</th><th>every</th></tr></thead><tbody>
${rows}
</tbody></table></div>`;
}

export function scenarioHtml(summaries: Summary[], labels: string[]): string {
  return summaries
    .map((s, i) => {
      const title = summaries.length > 1 ? `<h3>${escapeHtml(labels[i] ?? '')}</h3>` : '';
      return `${title}
<h3>Faults</h3>
${faultRows(s)}
<details><summary>Scenario as YAML (${scenarioYaml(s).split('\n').length - 1} lines)</summary>
<pre class="yaml">${escapeHtml(scenarioYaml(s))}</pre>
</details>`;
    })
    .join('\n');
}

export function reproduceHtml(summaries: Summary[], labels: string[], command: string | undefined): string {
  const parts: string[] = [];
  if (command !== undefined) {
    parts.push(`<p>${summaries.length > 1 ? 'The command that produced this report:' : 'The command that produced this run:'}</p>
<pre class="command">${escapeHtml(command)}</pre>`);
  }
  if (command === undefined || summaries.length > 1) {
    summaries.forEach((s, i) => {
      parts.push(`${summaries.length > 1 ? `<h3>${escapeHtml(labels[i] ?? '')}</h3>` : ''}<p>With the scenario saved as <code>${escapeHtml(`${slug(s.scenario.name)}.yaml`)}</code>:</p>
<pre class="command">${escapeHtml(reproduceCommand(s))}</pre>`);
    });
  }
  const versions = [...new Set(summaries.map((s) => `pollstorm ${s.tool.version}`))].join(', ');
  const seeds = [...new Set(summaries.flatMap((s) => s.seeds))].join(', ');
  parts.push(
    `<p class="small muted">${escapeHtml(versions)} · engine ${escapeHtml([...new Set(summaries.map((s) => s.engine))].join(', '))} · seed${seeds.includes(',') ? 's' : ''} ${escapeHtml(seeds)}.${
      summaries.every((s) => s.engine === 'sim')
        ? ' The simulator is deterministic: the same scenario, version and seed give byte-identical results.'
        : ''
    }</p>`,
  );
  return parts.join('\n');
}
