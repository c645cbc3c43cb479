/**
 * Summaries for the report tests, made by the simulator: a two-stage backend (api → db) under Poisson
 * traffic, a 60 s stall of the database, and two policies — the seed's long timeout with immediate retries,
 * and a short timeout with jittered exponential backoff — with thresholds on latency and recovery.
 */
import type { ClientPolicy, Scenario } from '../../src/core/scenario/types.js';
import { evaluateThresholds } from '../../src/core/thresholds.js';
import { simulateScenario } from '../../src/engine/sim/index.js';
import type { Summary } from '../../src/engine/summary.js';
import { basePolicy, NONE, poissonSource, stage } from '../support/scenario.js';

export function stallScenario(overrides: Partial<Scenario> = {}): Scenario {
  const seedDefault = basePolicy({
    timeout: { connectMs: NONE, readMs: 8000, totalMs: NONE },
    retries: { count: 0, on: ['timeout', '5xx'] },
  });
  const recommended = basePolicy({
    timeout: { connectMs: NONE, readMs: 2000, totalMs: NONE },
    retries: {
      count: 3,
      on: ['timeout', '5xx'],
      backoff: { kind: 'exponential', baseMs: 200, factor: 2, maxMs: 5000, jitter: 'full' },
    },
    budget: { kind: 'token-bucket', maxTokens: 10, tokenRatio: 0.1 },
  });
  return {
    name: 'db-stall',
    description:
      'The database stalls for a minute under steady traffic: does the retry storm outlive the stall?',
    seed: 42,
    durationMs: 600_000,
    bucketMs: 5000,
    backend: {
      endpoints: { events: { method: 'GET', path: '/api/jobs/:jobId/events', stages: ['api', 'db'] } },
      stages: {
        api: stage(40, { dist: 'fixed', value: 2 }),
        db: stage(
          10,
          { dist: 'lognormal', mu: Math.log(30), sigma: Math.log(4) / 1.645 },
          { queue: { limit: NONE, timeoutMs: 10_000, status: 504 } },
        ),
      },
    },
    workload: { traffic: { ui: poissonSource(150, 'events') } },
    faults: [{ kind: 'stall', stage: 'db', atMs: 180_000, forMs: 60_000 }],
    policies: { 'seed-default': seedDefault, recommended },
    thresholds: { 'traffic.ui.latency.p99': ['< 3000'], 'recovery.metastable': ['== false'] },
    ...overrides,
  };
}

export function stallSummary(seeds: number[] = [42]): Summary {
  return simulateScenario(stallScenario(), { seeds });
}

/**
 * The size and speed budget's case: 10 policies over 2,000 one-second buckets, with the fleet's columns
 * (busy workers, queued jobs, ERROR logs) added to every run so each kind of chart is drawn.
 */
export function tenPolicySummary(): Summary {
  const base = stallScenario({
    name: 'ten-policies',
    durationMs: 2_000_000,
    bucketMs: 1000,
    faults: [
      { kind: 'stall', stage: 'db', atMs: 600_000, forMs: 45_000 },
      {
        kind: 'latency',
        stage: 'db',
        atMs: 1_200_000,
        forMs: 20_000,
        everyMs: 120_000,
        times: 3,
        latency: { dist: 'fixed', value: 400 },
      },
    ],
    thresholds: {
      'traffic.ui.latency.p99': ['< 3000'],
      'stage.db.queue.max': ['< 500'],
      'logs.errorPeakPerMin': ['< 1100'],
    },
  });
  base.workload.traffic = { ui: poissonSource(25, 'events') };
  const template = base.policies.recommended as ClientPolicy;
  base.policies = {};
  for (let i = 0; i < 10; i++) {
    base.policies[`policy-${i + 1} timeout ${1 + i}s`] = {
      ...template,
      timeout: { ...template.timeout, readMs: 1000 * (1 + i) },
    };
  }
  const summary = simulateScenario(base);
  summary.runs.forEach((run, k) => {
    const timeouts = run.series.timeouts as number[];
    run.series['workers.busy'] = timeouts.map((v, i) => Math.min(20, 5 + ((i * 7 + k) % 9) + v));
    run.series['jobs.queued'] = timeouts.map((v, i) => Math.round(30 + 20 * Math.sin(i / 60) + v * 2));
    run.series['logs.error'] = timeouts.map((v) => v);
    run.metrics['logs.errorPeakPerMin'] = peakPerMinute(timeouts);
    run.thresholds = evaluateThresholds(run.metrics, base.thresholds);
  });
  return summary;
}

/** The most log lines in any 60 one-second buckets. */
function peakPerMinute(perSecond: number[]): number {
  let window = 0;
  let peak = 0;
  perSecond.forEach((v, i) => {
    window += v - (i >= 60 ? (perSecond[i - 60] as number) : 0);
    peak = Math.max(peak, window);
  });
  return peak;
}
