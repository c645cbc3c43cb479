/**
 * Which way is better for each metric of DESIGN §5: the report marks the best policy with it, and the
 * baseline comparison (`--baseline --max-regression`) uses it to tell a regression from an improvement.
 * A metric with no entry (attempts, arrivals, utilization ...) is context, not a score: more is neither
 * better nor worse.
 */
export type Direction = 'higher' | 'lower';

/**
 * Patterns over the flat dotted names; `*` stands for one name segment (a stage or traffic source).
 * The first matching pattern wins, so specific entries come before general ones.
 */
export const METRIC_DIRECTIONS: ReadonlyArray<readonly [pattern: string, direction: Direction]> = [
  // Work done: more is better.
  ['jobs.completed', 'higher'],
  ['jobs.throughputPerMin', 'higher'],
  ['poll.ok', 'higher'],
  ['traffic.*.ok', 'higher'],
  ['goodput.perSec', 'higher'],
  ['workers.minAlive', 'higher'],
  ['stage.*.served', 'higher'],
  // Work lost or delayed: less is better.
  ['jobs.failed', 'lower'],
  ['jobs.lost', 'lower'],
  ['jobs.pending', 'lower'],
  ['jobs.queueWait.*', 'lower'],
  ['jobs.progressLag.*', 'lower'],
  ['poll.timeouts', 'lower'],
  ['poll.errors', 'lower'],
  ['poll.rejected', 'lower'],
  ['poll.latency.*', 'lower'],
  // Attempts per success: retries that bought nothing are load on a struggling backend.
  ['poll.amplification', 'lower'],
  ['traffic.*.timeouts', 'lower'],
  ['traffic.*.errors', 'lower'],
  ['traffic.*.rejected', 'lower'],
  ['traffic.*.latency.*', 'lower'],
  ['stage.*.rejected', 'lower'],
  // Work the backend finished after its client had left: wasted capacity.
  ['stage.*.abandoned', 'lower'],
  ['stage.*.wastedMs', 'lower'],
  ['stage.*.refused', 'lower'],
  ['stage.*.wait.*', 'lower'],
  ['stage.*.queue.max', 'lower'],
  ['stage.*.queue.mean', 'lower'],
  ['logs.error', 'lower'],
  ['logs.warning', 'lower'],
  ['logs.errorPeakPerMin', 'lower'],
  ['workers.crashes', 'lower'],
  ['cascade.peakTimeoutsPer10s', 'lower'],
  ['cascade.peakWorkersTimingOut', 'lower'],
  ['recovery.ms', 'lower'],
  // true (metastable) is worse than false.
  ['recovery.metastable', 'lower'],
];

const compiled = METRIC_DIRECTIONS.map(([pattern, direction]) => ({
  regex: new RegExp(`^${pattern.split('*').map(escapeRegex).join('[^.]+(?:\\.[^.]+)*?')}$`),
  direction,
}));

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether more or less of `metric` is better; undefined when neither is. */
export function metricDirection(metric: string): Direction | undefined {
  for (const { regex, direction } of compiled) if (regex.test(metric)) return direction;
  return undefined;
}

/**
 * Compares two values of one metric: > 0 when `a` is better, < 0 when `b` is, 0 when equal or when the
 * metric has no direction. Booleans count as 0/1; null (e.g. `recovery.ms` of a run that never recovered)
 * is worse than any number.
 */
export function compareMetric(
  metric: string,
  a: number | boolean | null | undefined,
  b: number | boolean | null | undefined,
): number {
  const direction = metricDirection(metric);
  if (direction === undefined) return 0;
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === null && y === null) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  if (x === y) return 0;
  return (direction === 'higher' ? x > y : x < y) ? 1 : -1;
}

function toNumber(v: number | boolean | null | undefined): number | null {
  if (typeof v === 'boolean') return Number(v);
  if (typeof v !== 'number' || Number.isNaN(v)) return null;
  return v;
}

/**
 * The relative change from `baseline` to `current` in the metric's bad direction, in percent: positive is a
 * regression (e.g. p99 latency 200 → 250 ms gives 25), negative an improvement; undefined when the metric has
 * no direction or a value is missing. A zero baseline gives ±Infinity for any change.
 */
export function regressionPercent(metric: string, baseline: number, current: number): number | undefined {
  const direction = metricDirection(metric);
  if (direction === undefined || !Number.isFinite(baseline) || !Number.isFinite(current)) return undefined;
  const worse = direction === 'lower' ? current - baseline : baseline - current;
  if (worse === 0) return 0;
  if (baseline === 0) return worse > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return (worse / Math.abs(baseline)) * 100;
}
