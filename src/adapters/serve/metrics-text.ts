/**
 * `GET /metrics`: serve's state in the Prometheus text format. Names follow Prometheus' conventions
 * (`pollstorm_` prefix, base units, `_total` counters, `_seconds` durations). Durations are scenario
 * seconds — wall seconds at the default --time-scale 1. Counters restart from zero after `POST
 * /__pollstorm/reset`, which Prometheus reads as a counter reset.
 */
import type { StageRuntime } from '../../core/model/stage.js';
import type { Endpoint } from '../../core/scenario/types.js';
import type { FaultView } from './fault-control.js';
import type { JobStatus } from './jobs.js';
import type { EndpointStats } from './observed-backend.js';
import { Exposition, type Labels } from './prometheus.js';
import type { StageCounts } from './stage-counters.js';

export interface MetricsInput {
  nowMs: number;
  timeScale: number;
  stages: ReadonlyMap<string, StageRuntime>;
  stageCounts: (name: string) => StageCounts;
  endpoints: Record<string, Endpoint>;
  endpointStats: ReadonlyMap<string, EndpointStats>;
  faults: readonly FaultView[];
  jobsCreated: number;
  jobsByStatus: Record<JobStatus, number>;
}

export function metricsText(m: MetricsInput): string {
  const out = new Exposition();
  const stages = [...m.stages.entries()];
  const counts = new Map(stages.map(([name]) => [name, m.stageCounts(name)]));
  const perStage = (value: (s: StageRuntime, c: StageCounts) => number): Array<[Labels, number]> =>
    stages.map(([name, s]) => [{ stage: name }, value(s, counts.get(name) as StageCounts)]);

  out
    .gauge(
      'pollstorm_stage_inflight',
      'Requests holding a slot of the stage now.',
      perStage((s) => s.inflightNow),
    )
    .gauge(
      'pollstorm_stage_queue_length',
      'Requests waiting for a slot of the stage now.',
      perStage((s) => s.queuedNow),
    )
    .gauge(
      'pollstorm_stage_concurrency',
      'Slots of the stage now (fewer during a capacity fault).',
      perStage((s) => s.effectiveConcurrency),
    )
    .gauge(
      'pollstorm_stage_stalled',
      '1 while a stall fault freezes the stage.',
      perStage((s) => (s.stalled ? 1 : 0)),
    )
    .counter(
      'pollstorm_stage_arrivals_total',
      'Requests that reached the stage.',
      perStage((_, c) => c.arrivals),
    )
    .counter(
      'pollstorm_stage_served_total',
      'Requests the stage finished serving (slot released).',
      perStage((_, c) => c.served),
    )
    .counter(
      'pollstorm_stage_rejected_total',
      'Requests rejected by the stage queue (full, or waited past queue.timeout).',
      perStage((_, c) => c.rejected),
    )
    .counter(
      'pollstorm_stage_abandoned_total',
      'Requests the stage finished after their client had given up (wasted work).',
      perStage((_, c) => c.abandoned),
    )
    .counter(
      'pollstorm_stage_refused_total',
      'Requests refused by a down fault.',
      perStage((_, c) => c.refused),
    )
    .counter(
      'pollstorm_stage_injected_errors_total',
      'Requests answered by an errors fault.',
      perStage((_, c) => c.injectedErrors),
    )
    .counter(
      'pollstorm_stage_wasted_seconds_total',
      'Slot time spent on requests whose client had already left.',
      perStage((_, c) => c.wastedMs / 1000),
    )
    .histogram(
      'pollstorm_stage_queue_wait_seconds',
      'Time requests waited for a slot of the stage.',
      stages.map(([name]) => {
        const c = counts.get(name) as StageCounts;
        return [
          { stage: name },
          { cumulative: c.waitCumulative, count: c.waitCount, sumS: c.waitSumMs / 1000 },
        ];
      }),
    );

  const endpoints = Object.entries(m.endpoints).flatMap(([name, e]) => {
    const s = m.endpointStats.get(name);
    return s === undefined ? [] : [{ labels: { endpoint: name, method: e.method }, s }];
  });
  out
    .counter(
      'pollstorm_http_requests_total',
      "Responses sent by the scenario's endpoints, by status code.",
      endpoints.flatMap(({ labels, s }) =>
        [...s.statuses]
          .sort((a, b) => a[0] - b[0])
          .map(([status, n]): [Labels, number] => [{ ...labels, code: String(status) }, n]),
      ),
    )
    .counter(
      'pollstorm_http_refused_total',
      'Connections dropped because a down fault refused the request.',
      endpoints.map(({ labels, s }) => [labels, s.refused]),
    )
    .counter(
      'pollstorm_http_client_aborts_total',
      'Requests whose client disconnected before the answer (its timeout fired).',
      endpoints.map(({ labels, s }) => [labels, s.clientAborts]),
    )
    .gauge(
      'pollstorm_http_requests_in_flight',
      'Requests waiting for the backend model now.',
      endpoints.map(({ labels, s }) => [labels, s.inflight]),
    )
    .histogram(
      'pollstorm_http_request_duration_seconds',
      'Time from arrival to the backend model answering (not counting client aborts).',
      endpoints.map(({ labels, s }) => [
        labels,
        { cumulative: s.latency.cumulative(), count: s.latency.count, sumS: s.latency.sumMs / 1000 },
      ]),
    );

  out
    .gauge(
      'pollstorm_fault_active',
      'Faults serve knows: 1 while a window is open, 0 while waiting for the next.',
      m.faults.map((f) => [
        { id: f.id, kind: f.fault.kind, target: 'stage' in f.fault ? f.fault.stage : '', source: f.source },
        f.active ? 1 : 0,
      ]),
    )
    .counter('pollstorm_jobs_created_total', 'Jobs created (POST, or first read).', [[{}, m.jobsCreated]])
    .gauge(
      'pollstorm_jobs',
      'Jobs known now, by status.',
      (Object.entries(m.jobsByStatus) as Array<[JobStatus, number]>).map(([status, n]) => [{ status }, n]),
    )
    .gauge('pollstorm_scenario_time_seconds', 'Scenario time since the server started.', [
      [{}, m.nowMs / 1000],
    ])
    .gauge('pollstorm_time_scale', 'Wall seconds per scenario second (--time-scale).', [[{}, m.timeScale]]);
  return out.text();
}
