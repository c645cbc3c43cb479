/**
 * A tiny SimPy-style bench for the backend model: a Backend driven by the simulator's kernel, requests sent
 * at chosen instants, and every reply logged as `[now, label, status]` so a test can assert the whole list.
 * Faults go through the real fault timeline; they are scheduled before any request, so at a tie a window's
 * edge comes first (windows are [start, end)). Tests avoid ties anyway, so nothing hangs on that order.
 */
import { Backend } from '../../src/core/model/backend.js';
import type { Call } from '../../src/core/model/call.js';
import { faultWindows, scheduleFaults } from '../../src/core/model/fault-timeline.js';
import type { StageRuntime } from '../../src/core/model/stage.js';
import { RandomSource } from '../../src/core/random/prng.js';
import type { ClientPolicy, Fault, Scenario, Stage, TrafficSource } from '../../src/core/scenario/types.js';
import { SimKernel } from '../../src/engine/sim/kernel.js';
import { basePolicy } from '../support/scenario.js';

export { NONE, stage } from '../support/scenario.js';

export type Logged = [number, string, number | 'refused'];

/** Virtual times are sums of float rates under processor sharing: compare them to the nanosecond. */
export function t(ms: number): number {
  return Math.round(ms * 1e6) / 1e6;
}

export interface BenchOptions {
  stages: Record<string, Stage>;
  /** The stages of endpoint `e`, in call order (default: every stage, in declaration order). */
  chain?: string[];
  faults?: Fault[];
  /** Fault windows starting at or after this are dropped, as at a run's end (default 100 s). */
  durationMs?: number;
  seed?: number;
}

export class Bench {
  readonly kernel = new SimKernel();
  readonly backend: Backend;
  readonly log: Logged[] = [];
  private readonly calls = new Map<string, Call>();

  constructor(opts: BenchOptions) {
    const random = new RandomSource(opts.seed ?? 1);
    const chain = opts.chain ?? Object.keys(opts.stages);
    this.backend = new Backend(
      { endpoints: { e: { method: 'GET', path: '/e', stages: chain } }, stages: opts.stages },
      this.kernel,
      random,
    );
    const faults = opts.faults ?? [];
    const windows = faultWindows(faults, opts.durationMs ?? 100_000);
    scheduleFaults(faults, windows, this.kernel, this.backend, [], random);
  }

  stage(name: string): StageRuntime {
    const s = this.backend.stages.get(name);
    if (s === undefined) throw new Error(`no stage ${name}`);
    return s;
  }

  /** A request labelled `label` for resource `key` arrives at `atMs`. */
  send(atMs: number, label: string, key = 0): this {
    this.kernel.at(atMs, () => {
      const call = this.backend.request('e', key, (reply, now) => {
        this.log.push([t(now), label, reply.kind === 'refused' ? 'refused' : reply.status]);
      });
      this.calls.set(label, call);
    });
    return this;
  }

  /** The client of `label` gives up at `atMs`. */
  abort(atMs: number, label: string): this {
    this.kernel.at(atMs, () => {
      const call = this.calls.get(label);
      if (call === undefined) throw new Error(`no request ${label}`);
      this.backend.abort(call);
    });
    return this;
  }

  /** Reads something at `atMs` (e.g. a stage's in-flight count) into the returned list. */
  probe<T>(atMs: number, read: () => T): T[] {
    const out: T[] = [];
    this.kernel.at(atMs, () => out.push(read()));
    return out;
  }

  run(untilMs = 1e9): Logged[] {
    this.kernel.run(untilMs);
    return this.log;
  }
}

/** `count` arrivals at 0, 1000/rate, 2·1000/rate, ... ms: exact instants, no randomness. */
export function constantSource(ratePerSec: number, count?: number, keys = 1000): TrafficSource {
  const arrival =
    count === undefined
      ? { kind: 'constant' as const, ratePerSec }
      : { kind: 'constant' as const, ratePerSec, count };
  return { endpoint: 'e', arrival, keys };
}

/** A normalized scenario with endpoint `e` through `chain` and the given open-loop sources. */
export function tinyScenario(opts: {
  stages: Record<string, Stage>;
  chain?: string[];
  traffic: Record<string, TrafficSource>;
  durationMs: number;
  faults?: Fault[];
  policy?: ClientPolicy;
}): Scenario {
  return {
    name: 'tiny',
    seed: 1,
    durationMs: opts.durationMs,
    bucketMs: 1000,
    backend: {
      endpoints: { e: { method: 'GET', path: '/e', stages: opts.chain ?? Object.keys(opts.stages) } },
      stages: opts.stages,
    },
    workload: { traffic: opts.traffic },
    faults: opts.faults ?? [],
    policies: { default: opts.policy ?? basePolicy() },
    thresholds: {},
  };
}
