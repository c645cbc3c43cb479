/**
 * The Prometheus text exposition format, version 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/):
 * per family a `# HELP` and a `# TYPE` line, then its samples `name{label="value"} number`. Label values
 * escape backslash, double quote and newline; HELP text escapes backslash and newline. Histograms are
 * cumulative `_bucket{le="…"}` samples ending at `le="+Inf"`, then `_sum` and `_count`.
 */

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Record<string, string>;

/** Fixed bucket bounds for latencies, in seconds; 60 s is the seed incident's read timeout. */
export const LATENCY_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** A latency histogram over `LATENCY_BUCKETS_S`, recorded in ms. */
export class PromHistogram {
  /** Per bucket (not cumulative); the last one is +Inf. */
  readonly counts = new Array<number>(LATENCY_BUCKETS_S.length + 1).fill(0);
  count = 0;
  sumMs = 0;

  record(ms: number): void {
    const s = ms / 1000;
    let i = 0;
    while (i < LATENCY_BUCKETS_S.length && s > (LATENCY_BUCKETS_S[i] as number)) i++;
    this.counts[i] = (this.counts[i] as number) + 1;
    this.count++;
    this.sumMs += ms;
  }

  /** Cumulative counts at each bound of `LATENCY_BUCKETS_S` (without +Inf, which is `count`). */
  cumulative(): number[] {
    let acc = 0;
    return LATENCY_BUCKETS_S.map((_, i) => {
      acc += this.counts[i] as number;
      return acc;
    });
  }
}

/** What a histogram sample set needs: cumulative counts at the bounds, the count and the sum in seconds. */
export interface HistogramValue {
  cumulative: readonly number[];
  count: number;
  sumS: number;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

export function formatValue(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return '+Inf';
  if (x === Number.NEGATIVE_INFINITY) return '-Inf';
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(12)));
}

/** Builds one exposition: families in the order added, each family's HELP and TYPE once. */
export class Exposition {
  private readonly lines: string[] = [];

  private head(name: string, type: 'gauge' | 'counter' | 'histogram', help: string): void {
    this.lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`);
  }

  gauge(name: string, help: string, samples: ReadonlyArray<[Labels, number]>): this {
    return this.simple(name, 'gauge', help, samples);
  }

  /** `name` ends in `_total`, as Prometheus' naming conventions ask of counters. */
  counter(name: string, help: string, samples: ReadonlyArray<[Labels, number]>): this {
    return this.simple(name, 'counter', help, samples);
  }

  histogram(name: string, help: string, samples: ReadonlyArray<[Labels, HistogramValue]>): this {
    this.head(name, 'histogram', help);
    for (const [labels, h] of samples) {
      LATENCY_BUCKETS_S.forEach((le, i) => {
        this.lines.push(
          `${name}_bucket${formatLabels({ ...labels, le: String(le) })} ${formatValue(h.cumulative[i] ?? 0)}`,
        );
      });
      this.lines.push(`${name}_bucket${formatLabels({ ...labels, le: '+Inf' })} ${formatValue(h.count)}`);
      this.lines.push(`${name}_sum${formatLabels(labels)} ${formatValue(h.sumS)}`);
      this.lines.push(`${name}_count${formatLabels(labels)} ${formatValue(h.count)}`);
    }
    return this;
  }

  private simple(
    name: string,
    type: 'gauge' | 'counter',
    help: string,
    samples: ReadonlyArray<[Labels, number]>,
  ): this {
    this.head(name, type, help);
    for (const [labels, value] of samples)
      this.lines.push(`${name}${formatLabels(labels)} ${formatValue(value)}`);
    return this;
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}
