/** Units and distributions as written → milliseconds, per-second rates and `Dist` values. */
import { describe, expect, test } from 'vitest';
import { Z95, Z99 } from '../../src/core/random/distributions.js';
import { minimal, normalized } from './helpers.js';

const INF = Number.POSITIVE_INFINITY;

function service(spec: unknown) {
  return normalized(
    minimal({ backend: { endpoints: { events: { stages: ['api'] } }, stages: { api: { service: spec } } } }),
  ).backend.stages.api?.service;
}

describe('distributions', () => {
  test.each([
    ['250ms', { dist: 'fixed', value: 250 }],
    ['1m30s', { dist: 'fixed', value: 90_000 }],
    ['1.5s', { dist: 'fixed', value: 1500 }],
    ['500us', { dist: 'fixed', value: 0.5 }],
    ['0', { dist: 'fixed', value: 0 }],
    [
      { dist: 'fixed', value: '2h' },
      { dist: 'fixed', value: 7_200_000 },
    ],
    [
      { dist: 'uniform', min: '10ms', max: '1s' },
      { dist: 'uniform', min: 10, max: 1000 },
    ],
    [
      { dist: 'exponential', mean: '50ms' },
      { dist: 'exponential', mean: 50 },
    ],
    [
      { dist: 'normal', mean: '100ms', sd: '20ms' },
      { dist: 'normal', mean: 100, sd: 20 },
    ],
    [
      { dist: 'lognormal', mu: 3.4, sigma: 0.5 },
      { dist: 'lognormal', mu: 3.4, sigma: 0.5 },
    ],
    [
      { dist: 'lognormal', median: '30ms', p95: '200ms' },
      { dist: 'lognormal', mu: Math.log(30), sigma: Math.log(200 / 30) / Z95 },
    ],
    [
      { dist: 'lognormal', median: '1s', p99: '10s' },
      { dist: 'lognormal', mu: Math.log(1000), sigma: Math.log(10) / Z99 },
    ],
    [
      { dist: 'pareto', scale: '5ms', shape: 1.5 },
      { dist: 'pareto', scale: 5, shape: 1.5 },
    ],
  ])('%j', (spec, expected) => {
    expect(service(spec)).toStrictEqual(expected);
  });

  test('a bimodal mixture', () => {
    expect(
      service({
        dist: 'mixture',
        of: [
          { weight: 0.9, dist: 'exponential', mean: '20ms' },
          { weight: 0.1, dist: 'lognormal', median: '2s', p95: '8s' },
        ],
      }),
    ).toStrictEqual({
      dist: 'mixture',
      of: [
        { weight: 0.9, dist: { dist: 'exponential', mean: 20 } },
        { weight: 0.1, dist: { dist: 'lognormal', mu: Math.log(2000), sigma: Math.log(4) / Z95 } },
      ],
    });
  });
});

describe('durations and rates', () => {
  test('none and off are no limit', () => {
    const s = normalized(
      minimal({
        backend: {
          endpoints: { events: { stages: ['api'] } },
          stages: { api: { downstreamTimeout: 'off', queue: { timeout: 'none' } } },
        },
        policies: { p: { timeout: { connect: '3s', read: 'none', total: 'off' } } },
      }),
    );
    expect(s.backend.stages.api?.downstreamTimeoutMs, 'downstreamTimeout').toBe(INF);
    expect(s.policies.p?.timeout).toStrictEqual({ connectMs: 3000, readMs: INF, totalMs: INF });
  });

  test('arrivals', () => {
    const fleet = (arrival: unknown) =>
      normalized(
        minimal({
          workload: { fleet: { workers: 1, endpoint: 'events', jobs: { arrival, runtime: '1m' } } },
        }),
      ).workload.fleet?.jobs.arrival;
    expect(fleet({ kind: 'batch', count: 60, at: '2m' })).toStrictEqual({
      kind: 'batch',
      count: 60,
      atMs: 120_000,
    });
    expect(fleet({ kind: 'poisson', rate: '2/min' })).toStrictEqual({ kind: 'poisson', ratePerSec: 1 / 30 });
    expect(fleet({ kind: 'constant', rate: '3600/h', count: 5 })).toStrictEqual({
      kind: 'constant',
      ratePerSec: 1,
      count: 5,
    });
    expect(
      fleet({
        kind: 'stages',
        start: '1/s',
        stages: [
          { duration: '1m', target: '20/s' },
          { duration: '30s', target: '0/s' },
        ],
      }),
    ).toStrictEqual({
      kind: 'stages',
      startRatePerSec: 1,
      stages: [
        { durationMs: 60_000, ratePerSec: 20 },
        { durationMs: 30_000, ratePerSec: 0 },
      ],
    });
    expect(fleet({ kind: 'stages', stages: [{ duration: '1m', target: '5/s' }] })).toStrictEqual({
      kind: 'stages',
      startRatePerSec: 0,
      stages: [{ durationMs: 60_000, ratePerSec: 5 }],
    });
  });

  test('faults', () => {
    const s = normalized(
      minimal({
        workload: {
          fleet: {
            workers: 1,
            endpoint: 'events',
            jobs: { arrival: { kind: 'batch', count: 1 }, runtime: '1m' },
          },
          traffic: { ui: { endpoint: 'events', arrival: { kind: 'poisson', rate: '5/s' }, keys: 10 } },
        },
        faults: [
          {
            kind: 'latency',
            stage: 'api',
            at: '1m',
            for: '30s',
            latency: { dist: 'uniform', min: '1s', max: '2s' },
          },
          { kind: 'capacity', stage: 'api', concurrency: 0, at: '2m', for: '10s', every: '1m', times: 3 },
          { kind: 'errors', stage: 'api', at: '3m', for: '10s' },
          { kind: 'errors', stage: 'api', status: 502, rate: 0.25, at: '3m', for: '10s' },
          { kind: 'down', stage: 'api', at: '4m', for: '5s' },
          { kind: 'load', factor: 3, at: '5m', for: '1m' },
          { kind: 'load', source: 'ui', factor: 0.5, at: '5m', for: '1m' },
          { kind: 'slowBody', stage: 'api', bytesPerSec: 100, at: '6m', for: '1m' },
        ],
      }),
    );
    expect(s.faults).toStrictEqual([
      {
        kind: 'latency',
        stage: 'api',
        latency: { dist: 'uniform', min: 1000, max: 2000 },
        atMs: 60_000,
        forMs: 30_000,
      },
      {
        kind: 'capacity',
        stage: 'api',
        concurrency: 0,
        atMs: 120_000,
        forMs: 10_000,
        everyMs: 60_000,
        times: 3,
      },
      { kind: 'errors', stage: 'api', status: 500, rate: 1, atMs: 180_000, forMs: 10_000 },
      { kind: 'errors', stage: 'api', status: 502, rate: 0.25, atMs: 180_000, forMs: 10_000 },
      { kind: 'down', stage: 'api', atMs: 240_000, forMs: 5000 },
      { kind: 'load', factor: 3, atMs: 300_000, forMs: 60_000 },
      { kind: 'load', sources: ['ui'], factor: 0.5, atMs: 300_000, forMs: 60_000 },
      { kind: 'slowBody', stage: 'api', bytesPerSec: 100, atMs: 360_000, forMs: 60_000 },
    ]);
    expect(s.workload.traffic.ui?.keys, 'keys').toBe(10);
  });

  test('processor sharing, cache, cancellation', () => {
    const stage = normalized(
      minimal({
        backend: {
          endpoints: { events: { stages: ['db'], method: 'POST', path: '/jobs' } },
          stages: {
            db: {
              sharing: { processorSharing: { cores: 4 } },
              cache: { ttl: '2s' },
              cancelOnClientAbort: true,
            },
          },
        },
      }),
    ).backend.stages.db;
    expect(stage?.sharing).toStrictEqual({ kind: 'processorSharing', cores: 4 });
    expect(stage?.cache).toStrictEqual({ ttlMs: 2000 });
    expect(stage?.cancelOnClientAbort).toBe(true);
  });
});
