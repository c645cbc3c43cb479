/**
 * The data behind the report's charts, prepared at render time so the page only draws: per-bucket counts
 * become rates (per second, ERROR logs per minute), seeds are averaged bucket by bucket, numbers are cut to
 * four significant digits, and each threshold on a charted metric becomes a horizontal line.
 *
 * Time charts share one x array per summary (bucket starts, in seconds). Columns absent from every run are
 * not charted; columns this module does not know are charted as they are, per bucket.
 */
import { parseThresholdCondition, type ThresholdCondition } from '../core/scenario/metrics.js';
import type { Fault } from '../core/scenario/types.js';
import { formatDuration } from './format.js';
import {
  columnLabel,
  columnValue,
  faultWindowsOf,
  PALETTE_SIZE,
  type PolicyColumn,
  type ReportModel,
} from './model.js';

export type Values = Array<number | null>;
/** A series that is zero in every bucket is sent as its length only. */
export type PackedValues = Values | { zeros: number };

export interface ChartSeries {
  /** Index of the policy column: colour, legend entry and toggling follow it. */
  column: number;
  label: string;
  dash: 'solid' | 'dashed';
  y: PackedValues;
}

export interface ThresholdLine {
  value: number;
  label: string;
}

export interface TimeChart {
  kind: 'time';
  id: string;
  section: string;
  title: string;
  yLabel: string;
  /** Logarithmic y by default; the page offers a toggle. */
  log: boolean;
  series: ChartSeries[];
  thresholds: ThresholdLine[];
}

export interface PercentileChart {
  kind: 'percentile';
  id: string;
  section: string;
  title: string;
  yLabel: string;
  /** Positions of the percentiles on a −log10(1 − p) axis, HdrHistogram's percentile plot. */
  x: number[];
  xLabels: string[];
  series: ChartSeries[];
}

export type Chart = TimeChart | PercentileChart;

export interface ChartColumn {
  label: string;
  /** Palette slot (0–7) and whether the line is dashed to tell apart columns past the eighth. */
  color: number;
  alt: boolean;
  summary: number;
  /** When the column recovered after the last fault (seconds from the start), or null. */
  recoveryAtS: number | null;
  recoveryLabel: string;
}

export interface FaultBand {
  startS: number;
  endS: number;
  label: string;
}

export interface ChartData {
  /** Bucket starts in seconds, one array per summary. */
  xs: number[][];
  durationS: number;
  columns: ChartColumn[];
  faults: FaultBand[];
  charts: Chart[];
}

const RATE_COUNTERS: Array<[column: string, title: string]> = [
  ['attempts', 'Attempts per second'],
  ['ok', 'Successful responses per second'],
  ['timeouts', 'Timeouts per second'],
  ['errors', 'Errors (5xx, refused) per second'],
  ['rejected', 'Rejected locally (budget, breaker, throttle) per second'],
];

/** Counters that are only charted when some bucket is non-zero: an empty chart says nothing. */
const CHART_IF_NONZERO = new Set(['errors', 'rejected']);

function sig4(v: number): number {
  return v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(4));
}

function pack(values: Values): PackedValues {
  return values.every((v) => v === 0) ? { zeros: values.length } : values;
}

/** The column's per-bucket values, averaged over its seeds; null where no seed has a value. */
function meanSeries(c: PolicyColumn, name: string, zeroIsGap: boolean): Values | undefined {
  const cols = c.runs.map((r) => r.series[name]).filter((v): v is number[] => Array.isArray(v));
  if (cols.length === 0) return undefined;
  const n = Math.min(...cols.map((col) => col.length));
  const out: Values = new Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let count = 0;
    for (const col of cols) {
      const v = col[i] as number | null;
      if (v === null || (zeroIsGap && v === 0)) continue;
      sum += v;
      count++;
    }
    out[i] = count === 0 ? null : sum / count;
  }
  return out;
}

/**
 * Per bucket, the count over the 60 s that end with it; with buckets of a minute or longer, the bucket's
 * count scaled to a minute.
 */
function trailingMinute(counts: Values, secs: number[]): Values {
  const out: Values = new Array(counts.length);
  let sum = 0;
  let span = 0;
  let start = 0;
  for (let i = 0; i < counts.length; i++) {
    sum += counts[i] ?? 0;
    span += secs[i] ?? 1;
    while (start < i && span - (secs[start] ?? 1) >= 60) {
      sum -= counts[start] ?? 0;
      span -= secs[start] ?? 1;
      start++;
    }
    out[i] = span >= 60 ? (sum * 60) / span : sum;
  }
  return out;
}

/** Length of each bucket in seconds: the last one may be cut short by the run's end. */
function bucketSeconds(model: ReportModel, summary: number): number[] {
  const s = model.summaries[summary];
  const run = s?.runs[0];
  if (s === undefined || run === undefined) return [];
  const bucketMs = run.series.bucketMs;
  return run.series.t.map((t) => Math.max(1, Math.min(bucketMs, s.scenario.durationMs - t)) / 1000);
}

function columnNames(model: ReportModel): string[] {
  const names = new Set<string>();
  for (const c of model.columns) for (const r of c.runs) for (const k of Object.keys(r.series)) names.add(k);
  names.delete('bucketMs');
  names.delete('t');
  return [...names];
}

interface ChartSpec {
  id: string;
  section: string;
  title: string;
  yLabel: string;
  log?: boolean;
  /** Series columns drawn, each as solid or dashed per policy. */
  lines: Array<{ name: string; suffix: string; dash: 'solid' | 'dashed' }>;
  /**
   * A count into a rate: per second of each bucket, or per minute as the count over the trailing 60 s
   * (what `logs.errorPeakPerMin` peaks over; a per-second burst × 60 would overstate it).
   */
  per?: 'second' | 'minute';
  zeroIsGap?: boolean;
}

function timeChartSpecs(names: string[]): ChartSpec[] {
  const has = new Set(names);
  const specs: ChartSpec[] = [];
  const known = new Set<string>();
  const use = (spec: ChartSpec): void => {
    for (const l of spec.lines) known.add(l.name);
    specs.push(spec);
  };
  for (const [name, title] of RATE_COUNTERS) {
    if (!has.has(name)) continue;
    use({
      id: `rate:${name}`,
      section: 'Traffic',
      title,
      yLabel: 'requests/s',
      per: 'second',
      lines: [{ name, suffix: '', dash: 'solid' }],
    });
  }
  const latency = ['latency.p95', 'latency.p50'].filter((n) => has.has(n));
  if (latency.length > 0) {
    use({
      id: 'latency',
      section: 'Latency',
      title: 'Latency of successful responses: p95 (solid) and p50 (dashed)',
      yLabel: 'latency (ms)',
      log: true,
      zeroIsGap: true,
      lines: latency.map((name) => ({
        name,
        suffix: ` ${name.slice(8)}`,
        dash: name.endsWith('p50') ? 'dashed' : 'solid',
      })),
    });
  }
  const stages = [
    ...new Set(
      names.map((n) => /^stage\.(.+)\.(queue|inflight)$/.exec(n)?.[1]).filter((s) => s !== undefined),
    ),
  ];
  for (const stage of stages) {
    for (const [what, title, unit] of [
      ['queue', 'waiting for a slot (max per bucket)', 'requests waiting'],
      ['inflight', 'in flight, holding a slot (max per bucket)', 'requests in flight'],
    ] as const) {
      const name = `stage.${stage}.${what}`;
      if (has.has(name)) {
        use({
          id: `stage:${stage}:${what}`,
          section: 'Backend stages',
          title: `${stage}: requests ${title}`,
          yLabel: unit,
          lines: [{ name, suffix: '', dash: 'solid' }],
        });
      }
    }
  }
  if (has.has('workers.busy')) {
    use({
      id: 'workers.busy',
      section: 'Fleet',
      title: 'Busy workers',
      yLabel: 'workers',
      lines: [{ name: 'workers.busy', suffix: '', dash: 'solid' }],
    });
  }
  if (has.has('jobs.queued')) {
    use({
      id: 'jobs.queued',
      section: 'Fleet',
      title: 'Jobs waiting in the queue',
      yLabel: 'jobs',
      lines: [{ name: 'jobs.queued', suffix: '', dash: 'solid' }],
    });
  }
  if (has.has('logs.error')) {
    use({
      id: 'logs.error',
      section: 'Logs',
      title: 'ERROR log lines per minute (trailing 60 s)',
      yLabel: 'log lines/min',
      per: 'minute',
      lines: [{ name: 'logs.error', suffix: '', dash: 'solid' }],
    });
  }
  for (const name of names) {
    if (known.has(name)) continue;
    use({
      id: `series:${name}`,
      section: 'Other series',
      title: `${name} (per bucket)`,
      yLabel: `${name} per bucket`,
      lines: [{ name, suffix: '', dash: 'solid' }],
    });
  }
  return specs;
}

/** Which chart a threshold's metric is drawn on, and how its value maps to that chart's y axis. */
export function thresholdChart(metric: string): { id: string; scale: number } | undefined {
  if (/^(poll|traffic\..+)\.latency\.(p\d+|mean|max)$/.test(metric)) return { id: 'latency', scale: 1 };
  const stage = /^stage\.(.+)\.(queue|inflight)\.(max|mean)$/.exec(metric);
  if (stage !== null) return { id: `stage:${stage[1]}:${stage[2]}`, scale: 1 };
  if (metric === 'logs.errorPeakPerMin') return { id: 'logs.error', scale: 1 };
  if (metric === 'goodput.perSec') return { id: 'rate:ok', scale: 1 };
  // A peak over 10 s is, per second, a tenth of it (averaged over that window).
  if (metric === 'cascade.peakTimeoutsPer10s') return { id: 'rate:timeouts', scale: 0.1 };
  return undefined;
}

function thresholdLines(model: ReportModel): Map<string, ThresholdLine[]> {
  const lines = new Map<string, ThresholdLine[]>();
  const seen = new Set<string>();
  for (const summary of model.summaries) {
    for (const [metric, conditions] of Object.entries(summary.scenario.thresholds)) {
      const target = thresholdChart(metric);
      if (target === undefined) continue;
      for (const condition of conditions) {
        const parsed: ThresholdCondition | undefined = parseThresholdCondition(condition);
        if (
          parsed === undefined ||
          typeof parsed.value !== 'number' ||
          parsed.op === '==' ||
          parsed.op === '!='
        )
          continue;
        const key = `${target.id}|${metric}|${condition}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const list = lines.get(target.id) ?? [];
        list.push({ value: parsed.value * target.scale, label: `threshold ${metric} ${condition.trim()}` });
        lines.set(target.id, list);
      }
    }
  }
  return lines;
}

function timeCharts(model: ReportModel): TimeChart[] {
  const seconds = model.summaries.map((_, i) => bucketSeconds(model, i));
  const thresholds = thresholdLines(model);
  const charts: TimeChart[] = [];
  for (const spec of timeChartSpecs(columnNames(model))) {
    const series: ChartSeries[] = [];
    for (const c of model.columns) {
      const secs = seconds[c.summaryIndex] ?? [];
      for (const line of spec.lines) {
        const raw = meanSeries(c, line.name, spec.zeroIsGap === true);
        if (raw === undefined) continue;
        const counts = spec.per === 'minute' ? trailingMinute(raw, secs) : raw;
        const y = counts.map((v, i) => {
          if (v === null) return null;
          return sig4(spec.per === 'second' ? v / (secs[i] ?? 1) : v);
        });
        series.push({
          column: c.index,
          label: `${columnLabel(c)}${line.suffix}`,
          dash: line.dash,
          y: pack(y),
        });
      }
    }
    const allZero = series.every((s) => !Array.isArray(s.y));
    const counter = spec.lines[0]?.name ?? '';
    if (series.length === 0 || (allZero && CHART_IF_NONZERO.has(counter))) continue;
    charts.push({
      kind: 'time',
      id: spec.id,
      section: spec.section,
      title: spec.title,
      yLabel: spec.yLabel,
      log: spec.log === true,
      series,
      thresholds: thresholds.get(spec.id) ?? [],
    });
  }
  return charts;
}

const PERCENTILES: Array<[suffix: string, p: number | null, label: string]> = [
  ['p50', 50, 'p50'],
  ['p90', 90, 'p90'],
  ['p95', 95, 'p95'],
  ['p99', 99, 'p99'],
  ['p999', 99.9, 'p99.9'],
  ['max', null, 'max'],
];

function percentileChart(
  model: ReportModel,
  id: string,
  title: string,
  prefix: string,
): PercentileChart | undefined {
  const present = PERCENTILES.filter(([suffix]) =>
    model.columns.some((c) => typeof columnValue(c, `${prefix}${suffix}`) === 'number'),
  );
  if (present.length === 0) return undefined;
  const x: number[] = [];
  for (const [, p] of present)
    x.push(
      p === null ? (x.length === 0 ? 1 : (x[x.length - 1] as number) + 1) : sig4(-Math.log10(1 - p / 100)),
    );
  const series = model.columns.map((c) => ({
    column: c.index,
    label: columnLabel(c),
    dash: 'solid' as const,
    y: present.map(([suffix]) => {
      const v = columnValue(c, `${prefix}${suffix}`);
      // A log axis has no zero: a percentile of 0 ms is drawn as a gap.
      return typeof v === 'number' && v > 0 ? sig4(v) : null;
    }),
  }));
  // A single point per policy is no distribution (a stage whose queue wait is 0 up to p99, say).
  if (series.every((s) => s.y.filter((v) => v !== null).length < 2)) return undefined;
  return {
    kind: 'percentile',
    id,
    section: 'Latency distribution',
    title,
    yLabel: 'latency (ms)',
    x,
    xLabels: present.map(([, , l]) => l),
    series,
  };
}

function percentileCharts(model: ReportModel): PercentileChart[] {
  const charts: PercentileChart[] = [];
  const poll = percentileChart(
    model,
    'dist:poll',
    'Poll latency by percentile (successful polls)',
    'poll.latency.',
  );
  if (poll !== undefined) charts.push(poll);
  const sources = new Set(model.summaries.flatMap((s) => Object.keys(s.scenario.workload.traffic)));
  for (const source of sources) {
    const chart = percentileChart(
      model,
      `dist:traffic:${source}`,
      `Traffic "${source}": latency by percentile (successful requests)`,
      `traffic.${source}.latency.`,
    );
    if (chart !== undefined) charts.push(chart);
  }
  const stages = new Set(model.summaries.flatMap((s) => Object.keys(s.scenario.backend.stages)));
  for (const stage of stages) {
    const chart = percentileChart(
      model,
      `dist:stage:${stage}`,
      `${stage}: queue wait for a slot by percentile`,
      `stage.${stage}.wait.`,
    );
    if (chart !== undefined) charts.push(chart);
  }
  return charts;
}

export function faultLabel(f: Fault): string {
  const target = 'stage' in f ? ` ${f.stage}` : '';
  switch (f.kind) {
    case 'capacity':
      return `capacity${target} → ${f.concurrency}`;
    case 'errors':
      return `errors${target} ${f.status} × ${Math.round(f.rate * 100)}%`;
    case 'load':
      return `load ×${f.factor}${f.sources === undefined ? '' : ` ${f.sources.join(', ')}`}`;
    default:
      return `${f.kind}${target}`;
  }
}

function faultBands(model: ReportModel): FaultBand[] {
  const bands: FaultBand[] = [];
  const seen = new Set<string>();
  const several = new Set(model.summaries.map((s) => JSON.stringify(s.scenario.faults))).size > 1;
  model.summaries.forEach((s, i) => {
    for (const w of faultWindowsOf(s.scenario)) {
      const fault = s.scenario.faults[w.fault] as Fault;
      const label = `${several ? `${model.summaryLabels[i]}: ` : ''}${faultLabel(fault)}`;
      const band = { startS: w.startMs / 1000, endS: Math.min(w.endMs, s.scenario.durationMs) / 1000, label };
      const key = JSON.stringify(band);
      if (seen.has(key)) continue;
      seen.add(key);
      bands.push(band);
    }
  });
  return bands;
}

function chartColumns(model: ReportModel): ChartColumn[] {
  return model.columns.map((c) => {
    const ms = c.runs.map((r) => r.metrics['recovery.ms']);
    const recovered = c.lastFaultEndMs !== null && ms.length > 0 && ms.every((v) => typeof v === 'number');
    const meanMs = recovered ? (ms as number[]).reduce((s, v) => s + v, 0) / ms.length : 0;
    return {
      label: columnLabel(c),
      color: c.index % PALETTE_SIZE,
      alt: Math.floor(c.index / PALETTE_SIZE) % 2 === 1,
      summary: c.summaryIndex,
      recoveryAtS: recovered ? ((c.lastFaultEndMs as number) + meanMs) / 1000 : null,
      recoveryLabel: recovered ? `recovered +${formatDuration(meanMs)}` : '',
    };
  });
}

export function buildChartData(model: ReportModel): ChartData {
  return {
    xs: model.summaries.map((s) => (s.runs[0]?.series.t ?? []).map((t) => t / 1000)),
    durationS: Math.max(0, ...model.summaries.map((s) => s.scenario.durationMs / 1000)),
    columns: chartColumns(model),
    faults: faultBands(model),
    charts: [...timeCharts(model), ...percentileCharts(model)],
  };
}
