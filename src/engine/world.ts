/**
 * One run's world, whatever the engine: the backend model, the traffic sources, the Celery fleet, the
 * fault timeline and the recorder, wired to a Scheduler and a Transport. The simulator passes its
 * virtual-time kernel and in-process transport; the live engine passes real (scaled) timers and HTTP.
 */
import { driveRequest } from '../core/client/drive.js';
import { ClientGates } from '../core/client/gates.js';
import { RequestMachine } from '../core/client/request-machine.js';
import type { Transport } from '../core/client/transport.js';
import { CeleryFleet } from '../core/fleet/fleet.js';
import { FleetStats } from '../core/metrics/fleet-stats.js';
import { RunRecorder } from '../core/metrics/recorder.js';
import { type Metrics, pollMetrics, recoveryMetrics, stageMetrics, trafficMetrics } from '../core/metrics/run-metrics.js';
import type { SeriesJson } from '../core/metrics/series.js';
import { ArrivalProcess } from '../core/model/arrivals.js';
import type { Backend } from '../core/model/backend.js';
import { type FaultWindow, faultSpan, faultWindows, scheduleFaults } from '../core/model/fault-timeline.js';
import { type CircuitBreaker, createBreaker } from '../core/policy/breaker.js';
import { createBudget } from '../core/policy/budget.js';
import { createAdaptiveThrottle } from '../core/policy/throttle.js';
import type { RandomSource } from '../core/random/prng.js';
import type { Scheduler } from '../core/scheduler.js';
import type { ClientPolicy, Scenario } from '../core/scenario/types.js';

/** The recorder's name for the fleet's pollers; scenario names start with a letter, so it cannot clash. */
export const POLL_CLIENT = '#poll';

/** The stateful policy parts of one client; `sharedBreaker` is a fleet-scoped breaker. */
export function gatesFor(policy: ClientPolicy, random: RandomSource, name: string, sharedBreaker?: CircuitBreaker): ClientGates {
  return new ClientGates(
    random.stream(`${name}:throttle`),
    policy.budget === undefined ? null : createBudget(policy.budget),
    sharedBreaker ?? (policy.breaker === undefined ? null : createBreaker(policy.breaker)),
    policy.throttle === undefined ? null : createAdaptiveThrottle(policy.throttle),
  );
}

/** Gates per worker: budget and throttle per process; the breaker per process or one for the fleet. */
export function workerGates(policy: ClientPolicy, random: RandomSource): (worker: number) => ClientGates {
  const shared = policy.breaker?.scope === 'fleet' ? createBreaker(policy.breaker) : undefined;
  return (worker) => gatesFor(policy, random, `worker:${worker}`, shared);
}

export interface WorldOptions {
  scenario: Scenario;
  policy: ClientPolicy;
  random: RandomSource;
  sched: Scheduler;
  transport: Transport;
  /** The backend model the faults act on (in the live engine, the one behind the HTTP server). */
  backend: Backend;
}

export class World {
  readonly recorder: RunRecorder;
  readonly windows: FaultWindow[];
  readonly sources: ArrivalProcess[] = [];
  readonly fleet: CeleryFleet | null = null;
  private readonly fleetStats: FleetStats | null = null;

  constructor(private readonly o: WorldOptions) {
    const { scenario, policy, random, sched, transport, backend } = o;
    this.windows = faultWindows(scenario.faults, scenario.durationMs);
    const recorder = new RunRecorder(scenario.bucketMs, scenario.durationMs, faultSpan(this.windows), ['logs.error']);
    this.recorder = recorder;

    for (const stage of backend.stages.values()) {
      recorder.series.gauge(`stage.${stage.name}.inflight`, () => stage.stats.bucketInflightMax);
      recorder.series.gauge(`stage.${stage.name}.queue`, () => {
        const v = stage.stats.bucketQueueMax;
        stage.stats.resetBucket();
        return v;
      });
    }

    for (const [name, source] of Object.entries(scenario.workload.traffic)) {
      const client = source.client ?? policy;
      const gates = gatesFor(client, random, `traffic:${name}`);
      const jitter = random.stream(`traffic:${name}:jitter`);
      const observer = recorder.observer(name);
      const { keys, endpoint } = source;
      const arrivals = new ArrivalProcess(name, source.arrival, sched, random.stream(`traffic:${name}:arrivals`), (now, i) => {
        recorder.requestStarted(name, now);
        const machine = new RequestMachine(client, gates, jitter);
        driveRequest(machine, { endpoint, key: i % keys, timeout: client.timeout }, sched, transport, observer);
      });
      this.sources.push(arrivals);
    }

    const fleetConfig = scenario.workload.fleet;
    if (fleetConfig !== undefined) {
      const stats = new FleetStats(fleetConfig.workers);
      const logErrors = recorder.series.counterIndex('logs.error');
      const fleet = new CeleryFleet(
        fleetConfig,
        policy,
        sched,
        transport,
        random,
        stats,
        {
          requests: recorder.observer(POLL_CLIENT),
          requestStarted: (now) => recorder.requestStarted(POLL_CLIENT, now),
          log: (now, level) => {
            if (level === 'error') recorder.series.count(now, logErrors);
          },
        },
        workerGates(policy, random),
      );
      recorder.series.gauge('workers.busy', () => fleet.busyWorkers);
      recorder.series.gauge('jobs.queued', () => fleet.queued);
      this.fleet = fleet;
      this.fleetStats = stats;
    }
  }

  /** Schedules the faults and the series buckets, and starts the fleet and the traffic sources. */
  start(): void {
    const { scenario, sched, backend, random } = this.o;
    scheduleFaults(scenario.faults, this.windows, sched, backend, this.sources, random);
    this.fleet?.start();
    for (const s of this.sources) s.start();
    for (let t = scenario.bucketMs; t <= scenario.durationMs; t += scenario.bucketMs) {
      sched.at(t, (now) => this.recorder.series.advance(now));
    }
  }

  /** Flattens what was recorded up to `endMs` (the scenario's end, or earlier for an interrupted run). */
  finish(endMs: number): { metrics: Metrics; series: SeriesJson } {
    const metrics: Metrics = {};
    let okRequests = 0;
    const recorder = this.recorder;
    if (this.fleet !== null && this.fleetStats !== null) {
      this.fleetStats.metrics(metrics, this.fleet.pending, endMs);
      pollMetrics(metrics, recorder.client(POLL_CLIENT));
    }
    for (const [name, stats] of recorder.clients) {
      okRequests += stats.requestsOk;
      if (name !== POLL_CLIENT) trafficMetrics(metrics, name, stats);
    }
    for (const stage of this.o.backend.stages.values()) stageMetrics(metrics, stage, endMs);
    recoveryMetrics(metrics, recorder.recovery.finish(), okRequests, endMs);
    return { metrics, series: recorder.series.finish(endMs) };
  }
}
