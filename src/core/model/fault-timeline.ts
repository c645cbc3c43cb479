/**
 * The fault timeline: each scenario fault expands into windows [start, end), repeated `every` for flapping
 * faults, and is applied to its stage (or traffic sources) at the window's edges through the Scheduler
 * port. The engines share this code; only how time passes differs.
 */
import { type Sampler, sampler } from '../random/distributions.js';
import type { Random, RandomSource } from '../random/prng.js';
import type { Scheduler } from '../scheduler.js';
import type { Fault } from '../scenario/types.js';
import type { Backend } from './backend.js';

export interface FaultWindow {
  /** Index of the fault in the scenario's list. */
  fault: number;
  /** A distinct id per window: overlapping windows of one fault stack independently. */
  id: number;
  startMs: number;
  endMs: number;
}

/** Something whose rate a `load` fault multiplies: an open-loop traffic source. */
export interface LoadTarget {
  readonly name: string;
  setLoadFactor(id: number, factor: number | null, now: number): void;
}

/** Every window that starts before the run ends, in start order. */
export function faultWindows(faults: readonly Fault[], durationMs: number): FaultWindow[] {
  const windows: FaultWindow[] = [];
  faults.forEach((f, i) => {
    const times = f.everyMs === undefined ? 1 : (f.times ?? Number.POSITIVE_INFINITY);
    for (let k = 0; k < times; k++) {
      const startMs = f.atMs + k * (f.everyMs ?? 0);
      if (startMs >= durationMs) break;
      windows.push({ fault: i, id: windows.length, startMs, endMs: startMs + f.forMs });
    }
  });
  return windows.sort((a, b) => a.startMs - b.startMs || a.id - b.id);
}

/** When the first fault starts and the last one ends (null without faults). */
export function faultSpan(windows: readonly FaultWindow[]): { firstStartMs: number; lastEndMs: number } | null {
  if (windows.length === 0) return null;
  return {
    firstStartMs: Math.min(...windows.map((w) => w.startMs)),
    lastEndMs: Math.max(...windows.map((w) => w.endMs)),
  };
}

/** What one fault window does when it opens (`start`) and when it closes (`end`). */
export interface FaultEdges {
  start(now: number): void;
  end(now: number): void;
}

/**
 * The edges of window `id` of fault `f` against the backend and the traffic sources; null for `slowBody`,
 * which needs real sockets (the simulator delivers bodies at once; the live engine trickles them itself).
 * `random` is the fault's stream; `sample` its latency sampler (latency faults only). Besides the
 * timeline below, serve's control API applies faults that start whenever a person asks, through this.
 */
export function faultEdges(
  f: Fault,
  id: number,
  backend: Backend,
  loadTargets: readonly LoadTarget[],
  random: Random,
  sample: Sampler | null,
): FaultEdges | null {
  const stage = 'stage' in f ? backend.stages.get(f.stage) : undefined;
  switch (f.kind) {
    case 'latency': {
      const draw = sample ?? sampler(f.latency);
      return { start: () => stage?.latencyStart(id, draw, random), end: () => stage?.latencyEnd(id) };
    }
    case 'stall':
      return { start: (now) => stage?.stallStart(now), end: (now) => stage?.stallEnd(now) };
    case 'capacity':
      return {
        start: () => stage?.capacityStart(id, f.concurrency),
        end: (now) => stage?.capacityEnd(id, now),
      };
    case 'errors':
      return {
        start: () => stage?.errorsStart(id, f.status, f.rate, random),
        end: () => stage?.errorsEnd(id),
      };
    case 'down':
      return { start: () => stage?.downStart(), end: () => stage?.downEnd() };
    case 'load': {
      const targets = loadTargets.filter((t) => f.sources === undefined || f.sources.includes(t.name));
      return {
        start: (now) => {
          for (const t of targets) t.setLoadFactor(id, f.factor, now);
        },
        end: (now) => {
          for (const t of targets) t.setLoadFactor(id, null, now);
        },
      };
    }
    case 'slowBody':
      return null;
  }
}

/** Schedules every window's start and end against the backend and the traffic sources. */
export function scheduleFaults(
  faults: readonly Fault[],
  windows: readonly FaultWindow[],
  sched: Scheduler,
  backend: Backend,
  loadTargets: readonly LoadTarget[],
  random: RandomSource,
): void {
  const streams = faults.map((_, i) => random.stream(`fault:${i}`));
  const samplers = faults.map((f) => (f.kind === 'latency' ? sampler(f.latency) : null));
  for (const w of windows) {
    const f = faults[w.fault] as Fault;
    const r = streams[w.fault] as Random;
    const edges = faultEdges(f, w.id, backend, loadTargets, r, samplers[w.fault] ?? null);
    if (edges === null) continue;
    sched.at(w.startMs, edges.start);
    sched.at(w.endMs, edges.end);
  }
}
