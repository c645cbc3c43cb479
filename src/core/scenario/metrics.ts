/**
 * The metric names of DESIGN §5 (the contract of the summary JSON and of `thresholds`), made concrete
 * for one scenario, and the threshold conditions over them (`< 50`, `>= 0.9`, `== false`).
 */
import type { Scenario } from './types.js';

const GLOBAL_METRICS = [
  'jobs.submitted',
  'jobs.completed',
  'jobs.failed',
  'jobs.lost',
  'jobs.pending',
  'jobs.throughputPerMin',
  'jobs.queueWait.p50',
  'jobs.queueWait.p95',
  'jobs.progressLag.p50',
  'jobs.progressLag.p95',
  'poll.attempts',
  'poll.ok',
  'poll.timeouts',
  'poll.errors',
  'poll.rejected',
  'poll.latency.mean',
  'poll.latency.p50',
  'poll.latency.p90',
  'poll.latency.p99',
  'poll.latency.max',
  'poll.amplification',
  'logs.error',
  'logs.warning',
  'logs.errorPeakPerMin',
  'workers.crashes',
  'workers.minAlive',
  'cascade.peakTimeoutsPer10s',
  'cascade.peakWorkersTimingOut',
  'goodput.perSec',
  'recovery.ms',
  'recovery.metastable',
] as const;

/** `traffic.<source>.` + each of these. */
export const TRAFFIC_METRICS = [
  'attempts',
  'ok',
  'timeouts',
  'errors',
  'latency.mean',
  'latency.p50',
  'latency.p99',
];

/** `stage.<name>.` + each of these. */
export const STAGE_METRICS = [
  'arrivals',
  'served',
  'rejected',
  'abandoned',
  'wait.mean',
  'wait.p50',
  'wait.p95',
  'wait.p99',
  'queue.max',
  'inflight.max',
  'utilization',
  'wastedMs',
];

/** Every concrete metric name a run of this scenario reports, in a stable order. */
export function knownMetricNames(scenario: Pick<Scenario, 'backend' | 'workload'>): string[] {
  const names: string[] = [...GLOBAL_METRICS];
  for (const source of Object.keys(scenario.workload.traffic)) {
    for (const metric of TRAFFIC_METRICS) names.push(`traffic.${source}.${metric}`);
  }
  for (const stage of Object.keys(scenario.backend.stages)) {
    for (const metric of STAGE_METRICS) names.push(`stage.${stage}.${metric}`);
  }
  return names;
}

export type ThresholdOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';

export interface ThresholdCondition {
  op: ThresholdOperator;
  value: number | boolean;
}

const CONDITION = /^\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|true|false)\s*$/;

/** `"> 8"` → `{op: '>', value: 8}`; undefined when it is not a condition (booleans only with == and !=). */
export function parseThresholdCondition(text: string): ThresholdCondition | undefined {
  const m = CONDITION.exec(text);
  if (m === null) return undefined;
  const op = m[1] as ThresholdOperator;
  const token = m[2] as string;
  if (token === 'true' || token === 'false') {
    return op === '==' || op === '!=' ? { op, value: token === 'true' } : undefined;
  }
  return { op, value: Number(token) };
}
