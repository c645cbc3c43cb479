/**
 * Units of the metrics of DESIGN §5, read from their names (durations are ms, `perSec`/`perMin` are rates),
 * and how a value of each is written for people: `1.24 s`, `87 ms`, `12.5 /s`, `73 %`, `1,204`.
 */
import type { MetricValue } from '../core/metrics/run-metrics.js';

export type MetricUnit = 'ms' | 'fraction' | 'perSec' | 'perMin' | 'factor' | 'bool' | 'count';

export function metricUnit(metric: string): MetricUnit {
  if (metric === 'recovery.metastable') return 'bool';
  if (/(^|\.)ms$|Ms$|(^|\.)(latency|wait|queueWait|progressLag)\./.test(metric)) return 'ms';
  if (/utilization$/.test(metric)) return 'fraction';
  if (/perSec$/i.test(metric)) return 'perSec';
  if (/perMin$/i.test(metric)) return 'perMin';
  if (/amplification$/.test(metric)) return 'factor';
  return 'count';
}

/** Three significant digits, without an exponent, grouped with commas past 999. */
export function formatNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : x < 0 ? '−∞' : '—';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 10 ** digits) return Math.round(x).toLocaleString('en-US');
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return Number(x.toFixed(Math.min(decimals, 6))).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** A duration in ms for people: `0.42 ms`, `87 ms`, `1.24 s`, `4 min 05 s`, `2 h 03 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return ms > 0 ? '∞' : '—';
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '−' : '';
  if (abs < 1000) return `${sign}${formatNumber(abs)} ms`;
  if (abs < 60_000) return `${sign}${formatNumber(abs / 1000)} s`;
  if (abs < 3_600_000) {
    const min = Math.floor(abs / 60_000);
    const s = Math.round((abs - min * 60_000) / 1000);
    return s === 60 ? `${sign}${min + 1} min` : `${sign}${min} min ${String(s).padStart(2, '0')} s`;
  }
  const h = Math.floor(abs / 3_600_000);
  const min = Math.round((abs - h * 3_600_000) / 60_000);
  return `${sign}${h} h ${String(min).padStart(2, '0')} min`;
}

export function formatMetric(metric: string, value: MetricValue | undefined): string {
  if (value === undefined) return '—';
  if (value === null) return metric === 'recovery.ms' ? 'never' : '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return formatIn(metricUnit(metric), value);
}

export function formatIn(unit: MetricUnit, value: number): string {
  switch (unit) {
    case 'ms':
      return formatDuration(value);
    case 'fraction':
      return `${formatNumber(value * 100)} %`;
    case 'perSec':
      return `${formatNumber(value)} /s`;
    case 'perMin':
      return `${formatNumber(value)} /min`;
    case 'factor':
      return `${formatNumber(value)}×`;
    case 'bool':
      return value ? 'yes' : 'no';
    case 'count':
      return Number.isInteger(value) ? value.toLocaleString('en-US') : formatNumber(value);
  }
}

/** A mean with its 95% confidence half-width: `1.24 s ± 0.08 s`. */
export function formatMeanCi(metric: string, mean: number, ci95: number): string {
  const unit = metricUnit(metric);
  // A boolean's mean is the share of seeds where it was true.
  if (unit === 'bool') return `${formatNumber(mean * 100)} % of seeds`;
  const fmt = (v: number): string => (unit === 'count' ? formatNumber(v) : formatIn(unit, v));
  return `${fmt(mean)} ± ${fmt(ci95)}`;
}
