/** The DESIGN §4 example normalizes to exactly this `Scenario`. */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { Z95, Z99 } from '../../src/core/random/distributions.js';
import { parseScenarioText, type Scenario } from '../../src/core/scenario/index.js';

const INF = Number.POSITIVE_INFINITY;
const text = readFileSync(new URL('./fixtures/seed-incident.yaml', import.meta.url), 'utf8');

const seedClient = {
  intervalMs: 5000,
  timeout: { connectMs: INF, readMs: 60_000, totalMs: INF },
  retries: { count: 0, on: ['timeout', '5xx', 'refused'] },
  backoff: { kind: 'none' },
  onFailure: { log: 'error', retryAfterMs: 5000, giveUpAfter: INF, crashOn: [] },
} satisfies Scenario['policies'][string];

const expected: Scenario = {
  name: 'seed-incident',
  seed: 42,
  durationMs: 30 * 60_000,
  bucketMs: 1000, // 1800 one-second buckets fit under 2000
  backend: {
    endpoints: {
      events: {
        method: 'GET',
        path: '/api/prompt-learning/online/jobs/:jobId/events',
        stages: ['api', 'postgrest'],
      },
    },
    stages: {
      api: {
        concurrency: 40,
        queue: { limit: INF, timeoutMs: INF, status: 503 },
        service: { dist: 'fixed', value: 2 },
        sharing: { kind: 'fifo' },
        downstreamTimeoutMs: 60_000,
        cancelOnClientAbort: false,
      },
      postgrest: {
        concurrency: 10,
        queue: { limit: INF, timeoutMs: 10_000, status: 504 },
        service: { dist: 'lognormal', mu: Math.log(30), sigma: Math.log(400 / 30) / Z99 },
        sharing: { kind: 'fifo' },
        downstreamTimeoutMs: INF,
        cancelOnClientAbort: false,
      },
    },
  },
  workload: {
    fleet: {
      workers: 5,
      endpoint: 'events',
      jobs: {
        arrival: { kind: 'batch', count: 60, atMs: 0 },
        runtime: { dist: 'lognormal', mu: Math.log(180_000), sigma: Math.log(600_000 / 180_000) / Z95 },
      },
      crash: { restartAfterMs: 10_000, redeliver: false },
    },
    traffic: {
      ui: {
        endpoint: 'events',
        arrival: { kind: 'poisson', ratePerSec: 15 },
        client: { ...seedClient, timeout: { connectMs: INF, readMs: 60_000, totalMs: 10_000 } },
        keys: 1000,
      },
    },
  },
  faults: [{ kind: 'stall', stage: 'postgrest', atMs: 8 * 60_000, forMs: 90_000 }],
  policies: {
    'seed-default': seedClient,
    recommended: {
      ...seedClient,
      backoff: { kind: 'exponential', baseMs: 5000, factor: 2, maxMs: 120_000, jitter: 'full' },
      onFailure: { ...seedClient.onFailure, log: 'warning' },
    },
  },
  thresholds: { 'jobs.throughputPerMin': ['> 8'], 'recovery.metastable': ['== false'] },
};

test('the DESIGN example normalizes to the expected scenario', () => {
  const result = parseScenarioText(text, 'yaml');
  expect(result.ok ? [] : result.problems, 'problems').toEqual([]);
  if (!result.ok) return;
  expect(result.scenario).toStrictEqual(expected);
  expect(Object.keys(result.scenario.policies), 'policies in file order').toEqual([
    'seed-default',
    'recommended',
  ]);
});

test('the lognormal fit reproduces the given percentiles', () => {
  const result = parseScenarioText(text, 'yaml');
  if (!result.ok) throw new Error(result.problems.join('\n'));
  const service = result.scenario.backend.stages.postgrest?.service;
  if (service?.dist !== 'lognormal') throw new Error('expected a lognormal');
  expect(Math.exp(service.mu), 'median').toBeCloseTo(30, 9);
  expect(Math.exp(service.mu + Z99 * service.sigma), 'p99').toBeCloseTo(400, 9);
});

test('the same scenario as JSON normalizes the same', () => {
  const yaml = parseScenarioText(text, 'yaml');
  if (!yaml.ok) throw new Error(yaml.problems.join('\n'));
  const json = parseScenarioText(JSON.stringify(yaml.raw, null, 2), 'json', 'seed-incident.json');
  expect(json).toEqual(yaml);
});
