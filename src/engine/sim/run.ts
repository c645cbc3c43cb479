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
import { RunRecorder } from '../../core/metrics/recorder.js';
import { type Metrics, recoveryMetrics, stageMetrics, trafficMetrics } from '../../core/metrics/run-metrics.js';
import type { SeriesJson } from '../../core/metrics/series.js';
import { createBreaker } from '../../core/policy/breaker.js';
import { createBudget } from '../../core/policy/budget.js';
import { createAdaptiveThrottle } from '../../core/policy/throttle.js';
import { RandomSource } from '../../core/random/prng.js';
import type { ClientPolicy, Scenario } from '../../core/scenario/types.js';
import { SimKernel } from './kernel.js';
import { SimTransport } from './transport.js';

export interface SimRun {
  policy: string;
  seed: number;
  metrics: Metrics;
  series: SeriesJson;
  /** Kernel timers fired: the simulator's unit of work, for benchmarks. */
  events: number;
}

export function gatesFor(policy: ClientPolicy, random: RandomSource, name: string): ClientGates {
  return new ClientGates(
    random.stream(`${name}:throttle`),
    policy.budget === undefined ? null : createBudget(policy.budget),
    policy.breaker === undefined ? null : createBreaker(policy.breaker),
    policy.throttle === undefined ? null : createAdaptiveThrottle(policy.throttle),
  );
}

export function simulate(scenario: Scenario, policyName: string, seed: number): SimRun {
  const policy = scenario.policies[policyName];
  if (policy === undefined) throw new Error(`Failed to simulate: policy ${policyName} is not defined`);
  const kernel = new SimKernel();
  const random = new RandomSource(seed);
  const backend = new Backend(scenario.backend, kernel, random);
  const windows = faultWindows(scenario.faults, scenario.durationMs);
  const recorder = new RunRecorder(scenario.bucketMs, scenario.durationMs, faultSpan(windows));
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

  scheduleFaults(scenario.faults, windows, kernel, backend, sources, random);
  for (const s of sources) s.start();
  for (let t = scenario.bucketMs; t <= scenario.durationMs; t += scenario.bucketMs) {
    kernel.at(t, (now) => recorder.series.advance(now));
  }
  kernel.run(scenario.durationMs);

  const metrics: Metrics = {};
  let okRequests = 0;
  for (const [name, stats] of recorder.clients) {
    okRequests += stats.requestsOk;
    trafficMetrics(metrics, name, stats);
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
