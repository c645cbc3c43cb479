/** What a scenario leaves out: the seed's behaviour and the documented defaults. */
import { describe, expect, test } from 'vitest';
import { minimal, normalized } from './helpers.js';

const INF = Number.POSITIVE_INFINITY;

describe('scenario defaults', () => {
  const scenario = normalized(minimal());

  test('top level', () => {
    expect(scenario.seed, 'seed').toBe(1);
    expect(scenario.durationMs, 'duration').toBe(600_000);
    expect('description' in scenario, 'no description').toBe(false);
    expect(scenario.faults, 'faults').toEqual([]);
    expect(scenario.thresholds, 'thresholds').toEqual({});
  });

  test('a stage', () => {
    expect(scenario.backend.stages.api).toStrictEqual({
      concurrency: 1,
      queue: { limit: INF, timeoutMs: INF, status: 503 },
      service: { dist: 'fixed', value: 0 },
      sharing: { kind: 'fifo' },
      downstreamTimeoutMs: INF,
      cancelOnClientAbort: false,
    });
  });

  test('an endpoint', () => {
    expect(scenario.backend.endpoints.events).toStrictEqual({
      method: 'GET',
      path: '/events',
      stages: ['api'],
    });
  });

  test('the fleet', () => {
    expect(scenario.workload.fleet?.crash).toStrictEqual({ restartAfterMs: 10_000, redeliver: false });
    expect(scenario.workload.fleet && 'autoretry' in scenario.workload.fleet, 'no autoretry').toBe(false);
  });

  test('no policies means one policy named default with the seed behaviour', () => {
    expect(scenario.policies).toStrictEqual({
      default: {
        intervalMs: 5000,
        timeout: { connectMs: INF, readMs: 60_000, totalMs: INF },
        retries: { count: 0, on: ['timeout', '5xx', 'refused'] },
        backoff: { kind: 'none' },
        onFailure: { log: 'error', retryAfterMs: 5000, giveUpAfter: INF, crashOn: [] },
      },
    });
  });

  test('retryAfter follows the interval', () => {
    const s = normalized(minimal({ policies: { slow: { interval: '30s' } } }));
    expect(s.policies.slow?.onFailure.retryAfterMs).toBe(30_000);
  });

  test('traffic keys, celery autoretry, policy parts given empty', () => {
    const s = normalized(
      minimal({
        workload: {
          fleet: {
            workers: 2,
            endpoint: 'events',
            jobs: { arrival: { kind: 'poisson', rate: '2/min' }, runtime: '1m' },
            autoretry: {},
            crash: { redeliver: true },
          },
          traffic: { ui: { endpoint: 'events', arrival: { kind: 'constant', rate: '20/s', count: 100 } } },
        },
        policies: {
          guarded: {
            budget: { kind: 'ratio', ratio: 0.1 },
            breaker: { kind: 'sampling', threshold: 0.5 },
            throttle: {},
            backoff: { kind: 'linear', base: '1s' },
          },
          consecutive: { breaker: { kind: 'consecutive', failures: 5, scope: 'fleet' } },
        },
      }),
    );
    expect(s.workload.traffic.ui).toStrictEqual({
      endpoint: 'events',
      arrival: { kind: 'constant', ratePerSec: 20, count: 100 },
      keys: 1000,
    });
    expect(s.workload.fleet?.jobs.arrival).toStrictEqual({ kind: 'poisson', ratePerSec: 2 / 60 });
    expect(s.workload.fleet?.autoretry).toStrictEqual({
      maxRetries: 3,
      backoffFactorMs: 1000,
      backoffMaxMs: 600_000,
      jitter: true,
    });
    expect(s.workload.fleet?.crash).toStrictEqual({ restartAfterMs: 10_000, redeliver: true });
    const guarded = s.policies.guarded;
    expect(guarded?.budget, 'budget').toStrictEqual({
      kind: 'ratio',
      ratio: 0.1,
      windowMs: 10_000,
      minPerSec: 0,
    });
    expect(guarded?.breaker, 'sampling breaker').toStrictEqual({
      kind: 'sampling',
      threshold: 0.5,
      windowMs: 30_000,
      minimumRps: 0,
      halfOpenAfterMs: 10_000,
      scope: 'worker',
    });
    expect(guarded?.throttle, 'throttle').toStrictEqual({ kind: 'adaptive', k: 2, windowMs: 120_000 });
    expect(guarded?.backoff, 'linear').toStrictEqual({
      kind: 'linear',
      baseMs: 1000,
      stepMs: 1000,
      maxMs: INF,
    });
    expect(s.policies.consecutive?.breaker, 'consecutive breaker').toStrictEqual({
      kind: 'consecutive',
      failures: 5,
      halfOpenAfterMs: 10_000,
      scope: 'fleet',
    });
  });

  test('queue status: 504 for a timeout alone, 503 once a limit is given', () => {
    const statusOf = (queue: object) =>
      normalized(minimal({ backend: { endpoints: { events: { stages: ['s'] } }, stages: { s: { queue } } } }))
        .backend.stages.s?.queue;
    expect(statusOf({ timeout: '10s' }), 'timeout only').toStrictEqual({
      limit: INF,
      timeoutMs: 10_000,
      status: 504,
    });
    expect(statusOf({ limit: 100 }), 'limit only').toStrictEqual({ limit: 100, timeoutMs: INF, status: 503 });
    expect(statusOf({ limit: 5, timeout: '1s' }), 'both').toStrictEqual({
      limit: 5,
      timeoutMs: 1000,
      status: 503,
    });
    expect(statusOf({ limit: 'unbounded', timeout: 'none' }), 'explicitly unbounded').toStrictEqual({
      limit: INF,
      timeoutMs: INF,
      status: 503,
    });
    expect(statusOf({ timeout: '1s', status: 429 }), 'given').toStrictEqual({
      limit: INF,
      timeoutMs: 1000,
      status: 429,
    });
  });

  test.each([
    ['1s', 1000],
    ['30m', 1000],
    ['34m', 2000],
    ['1h', 2000],
    ['2h', 5000],
    ['24h', 60_000],
    ['1000h', 1_800_000],
    ['5000h', 3_600_000],
  ])('bucket for a %s run: %i ms', (duration, bucketMs) => {
    expect(normalized(minimal({ duration })).bucketMs).toBe(bucketMs);
  });

  test('an explicit bucket wins', () => {
    expect(normalized(minimal({ duration: '1h', bucket: '250ms' })).bucketMs).toBe(250);
  });
});
