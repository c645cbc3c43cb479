/**
 * The workload: arrivals, the closed-loop Celery fleet and the open-loop traffic sources.
 */
import { normalizeDist } from './normalize-dist.js';
import { applyPolicyDefaults, type PolicyResolver } from './normalize-policy.js';
import { Issues, ms, notDefined, perSec } from './normalize-units.js';
import type { Path } from './problems.js';
import type { RawArrival, RawFleet, RawTrafficSource } from './schema.js';
import type { Arrival, ClientPolicy, Fleet, TrafficSource } from './types.js';

export function normalizeArrival(raw: RawArrival, path: Path, issues: Issues): Arrival {
  const positiveRate = (text: string, at: Path) => {
    const rate = perSec(text);
    if (!(rate > 0)) issues.add(at, `expected a rate > 0, got "${text}"`);
    return rate;
  };
  switch (raw.kind) {
    case 'batch':
      return { kind: 'batch', count: raw.count, atMs: ms(raw.at ?? '0') };
    case 'constant':
    case 'poisson': {
      const out: Extract<Arrival, { kind: 'constant' | 'poisson' }> = {
        kind: raw.kind,
        ratePerSec: positiveRate(raw.rate, [...path, 'rate']),
      };
      if (raw.count !== undefined) out.count = raw.count;
      return out;
    }
    case 'stages':
      return {
        kind: 'stages',
        stages: raw.stages.map((s, i) => ({
          durationMs: issues.positive(s.duration, [...path, 'stages', i, 'duration']),
          ratePerSec: perSec(s.target),
        })),
        startRatePerSec: perSec(raw.start ?? '0/s'),
      };
  }
}

function checkEndpoint(name: string, endpoints: readonly string[], path: Path, issues: Issues): void {
  if (!endpoints.includes(name)) issues.add(path, notDefined('endpoint', name, endpoints));
}

export function normalizeFleet(raw: RawFleet, endpoints: readonly string[], issues: Issues): Fleet {
  const path = ['workload', 'fleet'];
  checkEndpoint(raw.endpoint, endpoints, [...path, 'endpoint'], issues);
  if (raw.create !== undefined) checkEndpoint(raw.create, endpoints, [...path, 'create'], issues);
  const fleet: Fleet = {
    workers: raw.workers,
    endpoint: raw.endpoint,
    ...(raw.create === undefined ? {} : { create: raw.create }),
    jobs: {
      arrival: normalizeArrival(raw.jobs.arrival, [...path, 'jobs', 'arrival'], issues),
      runtime: normalizeDist(raw.jobs.runtime, [...path, 'jobs', 'runtime'], issues),
    },
    crash: { restartAfterMs: ms(raw.crash?.restartAfter ?? '10s'), redeliver: raw.crash?.redeliver ?? false },
  };
  const a = raw.autoretry;
  if (a !== undefined) {
    // Celery's defaults: max_retries 3, retry_backoff True (1 s), retry_backoff_max 600 s, retry_jitter True.
    fleet.autoretry = {
      maxRetries: a.maxRetries ?? 3,
      backoffFactorMs: ms(a.backoffFactor ?? '1s'),
      backoffMaxMs: ms(a.backoffMax ?? '10m'),
      jitter: a.jitter ?? true,
    };
  }
  return fleet;
}

export function normalizeTraffic(
  raw: Record<string, RawTrafficSource>,
  endpoints: readonly string[],
  policies: PolicyResolver,
  issues: Issues,
): Record<string, TrafficSource> {
  const traffic: Record<string, TrafficSource> = {};
  for (const [name, t] of Object.entries(raw)) {
    const path = ['workload', 'traffic', name];
    checkEndpoint(t.endpoint, endpoints, [...path, 'endpoint'], issues);
    let client: { client?: ClientPolicy } = {};
    if (t.client !== undefined) {
      const clientPath = [...path, 'client'];
      applyPolicyDefaults(t.client, clientPath, issues); // its own field problems, reported once
      const merged = policies.inline(t.client, clientPath);
      if (merged !== null) client = { client: applyPolicyDefaults(merged, clientPath, new Issues()) };
    }
    const arrival = normalizeArrival(t.arrival, [...path, 'arrival'], issues);
    traffic[name] = { endpoint: t.endpoint, arrival, ...client, keys: t.keys ?? 1000 };
  }
  return traffic;
}
