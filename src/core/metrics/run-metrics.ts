/**
 * Flattens a finished run into the metric names of DESIGN §5 (durations in ms). Values are rounded to
 * microseconds so summaries stay readable; rounding is deterministic, so summaries stay byte-identical.
 */
import type { StageRuntime } from '../model/stage.js';
import type { ClientStats } from './client-stats.js';
import type { RecoveryResult } from './recovery.js';

export type MetricValue = number | boolean | null;
export type Metrics = Record<string, MetricValue>;

export function round(x: number, digits = 3): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function stageMetrics(out: Metrics, stage: StageRuntime, durationMs: number): void {
  const s = stage.stats;
  const p = `stage.${stage.name}.`;
  out[`${p}arrivals`] = s.arrivals;
  out[`${p}served`] = s.served;
  out[`${p}rejected`] = s.rejected;
  out[`${p}abandoned`] = s.abandoned;
  out[`${p}cancelled`] = s.cancelled;
  out[`${p}injectedErrors`] = s.injectedErrors;
  out[`${p}refused`] = s.refused;
  out[`${p}wait.mean`] = round(s.wait.mean());
  out[`${p}wait.p50`] = round(s.wait.percentile(50));
  out[`${p}wait.p95`] = round(s.wait.percentile(95));
  out[`${p}wait.p99`] = round(s.wait.percentile(99));
  out[`${p}queue.max`] = s.queueMax;
  out[`${p}queue.mean`] = round(s.meanQueued(durationMs));
  out[`${p}inflight.max`] = s.inflightMax;
  out[`${p}inflight.mean`] = round(s.meanInflight(durationMs));
  out[`${p}utilization`] = round(s.meanInflight(durationMs) / stage.config.concurrency, 4);
  out[`${p}wastedMs`] = round(s.wastedMs);
}

export function trafficMetrics(out: Metrics, name: string, c: ClientStats): void {
  const p = `traffic.${name}.`;
  out[`${p}requests`] = c.requests;
  out[`${p}attempts`] = c.attempts;
  out[`${p}ok`] = c.ok;
  out[`${p}timeouts`] = c.timeouts;
  out[`${p}errors`] = c.errors;
  out[`${p}rejected`] = c.rejected;
  out[`${p}latency.mean`] = round(c.latency.mean());
  out[`${p}latency.p50`] = round(c.latency.percentile(50));
  out[`${p}latency.p99`] = round(c.latency.percentile(99));
}

export function recoveryMetrics(out: Metrics, r: RecoveryResult, okRequests: number, durationMs: number): void {
  out['goodput.perSec'] = round(okRequests / (durationMs / 1000));
  out['recovery.ms'] = r.recoveryMs;
  out['recovery.metastable'] = r.metastable;
}

export function pollMetrics(out: Metrics, c: ClientStats): void {
  out['poll.requests'] = c.requests;
  out['poll.attempts'] = c.attempts;
  out['poll.ok'] = c.ok;
  out['poll.timeouts'] = c.timeouts;
  out['poll.errors'] = c.errors;
  out['poll.rejected'] = c.rejected;
  out['poll.latency.mean'] = round(c.latency.mean());
  out['poll.latency.p50'] = round(c.latency.percentile(50));
  out['poll.latency.p90'] = round(c.latency.percentile(90));
  out['poll.latency.p99'] = round(c.latency.percentile(99));
  out['poll.latency.max'] = round(c.latency.maxMs);
  out['poll.amplification'] = c.ok > 0 ? round(c.attempts / c.ok, 4) : null;
}
