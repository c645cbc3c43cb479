/**
 * The benchmark's scenarios, built as normalized `Scenario` values so the loader's cost stays out of the
 * figures, with the same builders the tests use.
 */
import { lognormalFromPercentile, Z99 } from '../src/core/random/distributions.js';
import { clientPolicy, stageConfig, UNBOUNDED as NONE } from '../src/core/scenario/build.js';
import type { ClientPolicy, Scenario, Stage } from '../src/core/scenario/types.js';
const HOUR_MS = 3_600_000;

/** The open-loop traffic source every bench scenario drives; its attempts are the requests counted. */
export const SOURCE = 'load';

const policy = clientPolicy;
const stage = stageConfig;

/** ~2000 buckets whatever the length, as the loader chooses: series memory must not grow with the run. */
function bucketMsFor(durationMs: number): number {
  return Math.max(1000, Math.ceil(durationMs / 2000 / 1000) * 1000);
}

function scenario(
  name: string,
  durationMs: number,
  stages: Record<string, Stage>,
  ratePerSec: number,
  client: ClientPolicy,
): Scenario {
  return {
    name,
    seed: 1,
    durationMs,
    bucketMs: bucketMsFor(durationMs),
    backend: {
      endpoints: { e: { method: 'GET', path: '/e', stages: Object.keys(stages) } },
      stages,
    },
    workload: {
      traffic: { [SOURCE]: { endpoint: 'e', arrival: { kind: 'poisson', ratePerSec }, keys: 1000 } },
    },
    faults: [],
    policies: { default: client },
    thresholds: {},
  };
}

/** M/M/c: `slots` servers, exponential service with mean 50 ms, Poisson arrivals (ρ = 0.75). */
function mmc(slots: number, ratePerSec: number, durationMs: number): Scenario {
  return scenario(
    `mmc-${slots}`,
    durationMs,
    { s: stage(slots, { dist: 'exponential', mean: 50 }) },
    ratePerSec,
    policy(),
  );
}

/**
 * The seed's stack (DESIGN §2): `api` holds its slot while `postgrest` works. postgrest is lognormal with
 * median 30 ms and p99 400 ms (mean ≈ 56 ms), so `slots` postgrest slots at 15·slots/s run at ρ ≈ 0.84;
 * the heavy tail exercises the queue timeout now and then. The client has the seed's 60 s read timeout.
 */
function twoStage(postgrestSlots: number, ratePerSec: number, durationMs: number): Scenario {
  return scenario(
    `two-stage-${postgrestSlots}`,
    durationMs,
    {
      api: stage(4 * postgrestSlots, { dist: 'fixed', value: 2 }, { downstreamTimeoutMs: 60_000 }),
      postgrest: stage(postgrestSlots, lognormalFromPercentile(30, 400, Z99), {
        queue: { limit: NONE, timeoutMs: 10_000, status: 504 },
      }),
    },
    ratePerSec,
    policy({ timeout: { connectMs: NONE, readMs: 60_000, totalMs: NONE } }),
  );
}

export type Family = 'single-stage' | 'two-stage';

export interface BenchCase {
  /** Unique, used on the child's command line: `node dist/bench/case.js <name>`. */
  name: string;
  family: Family;
  /** Shape without the length, e.g. `mmc c=10 λ=150/s`: rows that differ only in length share it. */
  shape: string;
  hours: number;
  /** Arrivals expected over the run, for sizing before running. */
  expectedRequests: number;
  /** Too slow for the default run's ~2 minute budget: run with `--full` only. */
  fullOnly: boolean;
  build: () => Scenario;
}

interface Shape {
  family: Family;
  shape: string;
  key: string;
  ratePerSec: number;
  /** Lengths run by default; the other lengths of HOURS need `--full`. */
  defaultHours: number[];
  build: (durationMs: number) => Scenario;
}

const HOURS = [1, 3, 10];

const SHAPES: Shape[] = [
  {
    family: 'single-stage',
    shape: 'M/M/c c=10 λ=150/s',
    key: 'mmc-10',
    ratePerSec: 150,
    defaultHours: HOURS,
    build: (ms) => mmc(10, 150, ms),
  },
  {
    family: 'single-stage',
    shape: 'M/M/c c=100 λ=1500/s',
    key: 'mmc-100',
    ratePerSec: 1500,
    defaultHours: [1, 3],
    build: (ms) => mmc(100, 1500, ms),
  },
  {
    family: 'two-stage',
    shape: 'api 40 → postgrest 10, λ=150/s',
    key: 'two-stage-10',
    ratePerSec: 150,
    defaultHours: HOURS,
    build: (ms) => twoStage(10, 150, ms),
  },
  {
    family: 'two-stage',
    shape: 'api 400 → postgrest 100, λ=1500/s',
    key: 'two-stage-100',
    ratePerSec: 1500,
    // ~50 s per simulated hour at ~100k requests/s: even the 1 h run would take the default run past its budget.
    defaultHours: [],
    build: (ms) => twoStage(100, 1500, ms),
  },
];

/** Every case, shape by shape, shortest first. */
export function benchCases(): BenchCase[] {
  return SHAPES.flatMap((shape) =>
    HOURS.map((hours) => ({
      name: `${shape.key}-${hours}h`,
      family: shape.family,
      shape: shape.shape,
      hours,
      expectedRequests: shape.ratePerSec * hours * 3600,
      fullOnly: !shape.defaultHours.includes(hours),
      build: () => shape.build(hours * HOUR_MS),
    })),
  );
}

export type Selection = 'quick' | 'default' | 'full';

/** `quick`: the default set's 1 h runs; `default`: what fits in ~2 minutes; `full`: every case. */
export function selectCases(selection: Selection): BenchCase[] {
  const all = benchCases();
  if (selection === 'full') return all;
  const defaults = all.filter((c) => !c.fullOnly);
  return selection === 'quick' ? defaults.filter((c) => c.hours === 1) : defaults;
}

export function findCase(name: string): BenchCase | undefined {
  return benchCases().find((c) => c.name === name);
}
