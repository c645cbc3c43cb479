/**
 * One simulated run: a scenario under one policy and one seed, in virtual time. Wires the core models —
 * backend, traffic sources, fault timeline, recorder — to the discrete-event kernel and the simulator's
 * transport, runs to the scenario's end and flattens what was recorded.
 */
import { driveRequest } from '../../core/client/drive.js';
import { ClientGates } from '../../core/client/gates.js';
import { RequestMachine } from '../../core/client/request-machine.js';
import { ArrivalProcess } from '../../core/model/arrivals.js';
import { Backend } from '../../core/model/backend.js';
import { faultSpan, faultWindows, scheduleFaults } from '../../core/model/fault-timeline.js';
import { CeleryFleet } from '../../core/fleet/fleet.js';
import { FleetStats } from '../../core/metrics/fleet-stats.js';
import { RunRecorder } from '../../core/metrics/recorder.js';
import { type Metrics, pollMetrics, recoveryMetrics, stageMetrics, trafficMetrics } from '../../core/metrics/run-metrics.js';
import type { SeriesJson } from '../../core/metrics/series.js';
import { type CircuitBreaker, createBreaker } from '../../core/policy/breaker.js';
import { createBudget } from '../../core/policy/budget.js';
import { createAdaptiveThrottle } from '../../core/policy/throttle.js';
import { RandomSource } from '../../core/random/prng.js';
import type { ClientPolicy, Scenario } from '../../core/scenario/types.js';
import { SimKernel } from './kernel.js';
import { SimTransport } from './transport.js';

/** The recorder's name for the fleet's pollers ('#' cannot start a traffic source's name in YAML keys we accept). */
const POLL_CLIENT = '#poll';

export interface SimRun {
  policy: string;
  seed: number;
  metrics: Metrics;
  series: SeriesJson;
  /** Kernel timers fired: the simulator's unit of work, for benchmarks. */
  events: number;
}

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

export function simulate(scenario: Scenario, policyName: string, seed: number): SimRun {
  const policy = scenario.policies[policyName];
  if (policy === undefined) throw new Error(`Failed to simulate: policy ${policyName} is not defined`);
  const kernel = new SimKernel();
  const random = new RandomSource(seed);
  const backend = new Backend(scenario.backend, kernel, random);
  const windows = faultWindows(scenario.faults, scenario.durationMs);
  const recorder = new RunRecorder(scenario.bucketMs, scenario.durationMs, faultSpan(windows), ['logs.error']);
  const transport = new SimTransport(backend, kernel);

  for (const stage of backend.stages.values()) {
    recorder.series.gauge(`stage.${stage.name}.inflight`, () => stage.stats.bucketInflightMax);
    recorder.series.gauge(`stage.${stage.name}.queue`, () => {
      const v = stage.stats.bucketQueueMax;
      stage.stats.resetBucket();
      return v;
    });
  }

  const sources: ArrivalProcess[] = [];
  for (const [name, source] of Object.entries(scenario.workload.traffic)) {
    const client = source.client ?? policy;
    const gates = gatesFor(client, random, `traffic:${name}`);
    const jitter = random.stream(`traffic:${name}:jitter`);
    const observer = recorder.observer(name);
    const keys = source.keys;
    const target = { endpoint: source.endpoint, key: 0, timeout: client.timeout };
    const arrivals = new ArrivalProcess(name, source.arrival, kernel, random.stream(`traffic:${name}:arrivals`), (now, i) => {
      recorder.requestStarted(name, now);
      const machine = new RequestMachine(client, gates, jitter);
      driveRequest(machine, { ...target, key: i % keys }, kernel, transport, observer);
    });
    sources.push(arrivals);
  }

  const fleetConfig = scenario.workload.fleet;
  let fleet: CeleryFleet | null = null;
  let fleetStats: FleetStats | null = null;
  if (fleetConfig !== undefined) {
    const stats = new FleetStats(fleetConfig.workers);
    const logErrors = recorder.series.counterIndex('logs.error');
    fleet = new CeleryFleet(
      fleetConfig,
      policy,
      kernel,
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
    const f = fleet;
    recorder.series.gauge('workers.busy', () => f.busyWorkers);
    recorder.series.gauge('jobs.queued', () => f.queued);
    fleetStats = stats;
  }

  scheduleFaults(scenario.faults, windows, kernel, backend, sources, random);
  fleet?.start();
  for (const s of sources) s.start();
  for (let t = scenario.bucketMs; t <= scenario.durationMs; t += scenario.bucketMs) {
    kernel.at(t, (now) => recorder.series.advance(now));
  }
  kernel.run(scenario.durationMs);

  const metrics: Metrics = {};
  let okRequests = 0;
  if (fleet !== null && fleetStats !== null) {
    fleetStats.metrics(metrics, fleet.pending, scenario.durationMs);
    pollMetrics(metrics, recorder.client(POLL_CLIENT));
  }
  for (const [name, stats] of recorder.clients) {
    okRequests += stats.requestsOk;
    if (name !== POLL_CLIENT) trafficMetrics(metrics, name, stats);
  }
  for (const stage of backend.stages.values()) stageMetrics(metrics, stage, scenario.durationMs);
  recoveryMetrics(metrics, recorder.recovery.finish(), okRequests, scenario.durationMs);
  return {
    policy: policyName,
    seed,
    metrics,
    series: recorder.series.finish(scenario.durationMs),
    events: kernel.fired,
  };
}
