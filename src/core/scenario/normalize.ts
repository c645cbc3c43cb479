/**
 * A scenario that passed the schema → the normalized `Scenario`: units converted, defaults filled,
 * policies resolved, and the references checked that a schema cannot see (an endpoint naming an
 * undefined stage, a threshold on a metric that will not exist).
 */
import { normalizeDist } from './normalize-dist.js';
import { normalizeFault } from './normalize-fault.js';
import { applyPolicyDefaults, PolicyResolver } from './normalize-policy.js';
import { normalizeThresholds } from './normalize-thresholds.js';
import { Issues, ms, msOrInfinity, notDefined } from './normalize-units.js';
import { normalizeFleet, normalizeTraffic } from './normalize-workload.js';
import type { Issue, Path } from './problems.js';
import type { RawScenario, RawStage } from './schema.js';
import type { RawPolicy } from './schema-policy.js';
import type { ClientPolicy, Endpoint, Scenario, Stage, Workload } from './types.js';

export type NormalizeResult = { ok: true; scenario: Scenario } | { ok: false; issues: Issue[] };

/** Round bucket widths; the smallest giving at most `MAX_AUTO_BUCKETS` buckets is chosen. */
const BUCKET_WIDTHS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);
const MAX_AUTO_BUCKETS = 2000;
/** An explicit bucket may be finer, but not so fine that the series stop being O(buckets) small. */
const MAX_BUCKETS = 100_000;

function stage(raw: RawStage, path: Path, issues: Issues): Stage {
  const queue = raw.queue ?? {};
  const limited = queue.limit !== undefined && queue.limit !== 'unbounded';
  const timeoutMs = msOrInfinity(queue.timeout ?? 'none');
  const out: Stage = {
    concurrency: raw.concurrency ?? 1,
    queue: {
      limit: limited ? (queue.limit as number) : Number.POSITIVE_INFINITY,
      timeoutMs,
      // PostgREST answers 504 when no pool connection frees up in time; a full queue is load shedding (503).
      status: queue.status ?? (!limited && timeoutMs < Number.POSITIVE_INFINITY ? 504 : 503),
    },
    service: normalizeDist(raw.service ?? '0ms', [...path, 'service'], issues),
    sharing:
      raw.sharing === undefined || raw.sharing === 'fifo'
        ? { kind: 'fifo' }
        : { kind: 'processorSharing', cores: raw.sharing.processorSharing.cores },
    downstreamTimeoutMs: msOrInfinity(raw.downstreamTimeout ?? 'none'),
    cancelOnClientAbort: raw.cancelOnClientAbort ?? false,
  };
  if (raw.cache) out.cache = { ttlMs: ms(raw.cache.ttl) };
  return out;
}

function bucketMs(raw: RawScenario, durationMs: number, issues: Issues): number {
  if (raw.bucket !== undefined) {
    const width = issues.positive(raw.bucket, ['bucket']);
    const count = Math.ceil(durationMs / width);
    if (count > MAX_BUCKETS) {
      issues.add(['bucket'], `gives ${count} buckets over ${raw.duration}; at most ${MAX_BUCKETS}`);
    }
    return width;
  }
  const fits = BUCKET_WIDTHS_MS.find((w) => Math.ceil(durationMs / w) <= MAX_AUTO_BUCKETS);
  return fits ?? (BUCKET_WIDTHS_MS[BUCKET_WIDTHS_MS.length - 1] as number);
}

function backend(raw: RawScenario['backend'], issues: Issues): Scenario['backend'] {
  const stages: Record<string, Stage> = {};
  for (const [name, s] of Object.entries(raw.stages)) {
    stages[name] = stage(s, ['backend', 'stages', name], issues);
  }
  const stageNames = Object.keys(stages);
  const endpoints: Record<string, Endpoint> = {};
  for (const [name, e] of Object.entries(raw.endpoints)) {
    e.stages.forEach((s, i) => {
      const path = ['backend', 'endpoints', name, 'stages', i];
      if (!stageNames.includes(s)) issues.add(path, notDefined('stage', s, stageNames));
      else if (e.stages.indexOf(s) < i) issues.add(path, `stage "${s}" appears twice in the chain`);
    });
    endpoints[name] = { method: e.method ?? 'GET', path: e.path ?? `/${name}`, stages: e.stages };
  }
  return { endpoints, stages };
}

/** The named policies in file order; without any, one policy named `default` with the defaults. */
function policies(resolver: PolicyResolver, raw: Record<string, RawPolicy>, issues: Issues) {
  const out: Record<string, ClientPolicy> = {};
  for (const [name, own] of Object.entries(raw)) {
    const path = ['policies', name];
    applyPolicyDefaults(own, path, issues); // its own field problems, reported once, not per child
    const merged = resolver.named(name);
    if (merged !== null) out[name] = applyPolicyDefaults(merged, path, new Issues());
  }
  if (Object.keys(raw).length === 0) out.default = applyPolicyDefaults({}, ['policies'], issues);
  return out;
}

export function normalizeScenario(raw: RawScenario): NormalizeResult {
  const issues = new Issues();
  const durationMs = issues.positive(raw.duration, ['duration']);
  const theBackend = backend(raw.backend, issues);
  const endpointNames = Object.keys(theBackend.endpoints);
  const resolver = new PolicyResolver(raw.policies ?? {}, issues);
  const fleet = raw.workload.fleet && normalizeFleet(raw.workload.fleet, endpointNames, issues);
  const traffic = normalizeTraffic(raw.workload.traffic ?? {}, endpointNames, resolver, issues);
  const workload: Workload = fleet === undefined ? { traffic } : { fleet, traffic };
  const world = { backend: theBackend, workload };
  if (fleet === undefined && Object.keys(traffic).length === 0) {
    issues.add(['workload'], 'needs a fleet or at least one traffic source');
  }
  const scenario: Scenario = {
    name: raw.name,
    ...(raw.description === undefined ? {} : { description: raw.description }),
    seed: raw.seed ?? 1,
    durationMs,
    bucketMs: bucketMs(raw, durationMs, issues),
    ...world,
    faults: (raw.faults ?? []).map((f, i) => normalizeFault(f, ['faults', i], world, issues)),
    policies: policies(resolver, raw.policies ?? {}, issues),
    thresholds: normalizeThresholds(raw.thresholds ?? {}, world, issues),
  };
  return issues.list.length > 0 ? { ok: false, issues: issues.list } : { ok: true, scenario };
}
