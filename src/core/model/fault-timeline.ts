/**
 * The fault timeline: each scenario fault expands into windows [start, end), repeated `every` for flapping
 * faults, and is applied to its stage (or traffic sources) at the window's edges through the Scheduler
 * port. The engines share this code; only how time passes differs.
 */
import { sampler } from '../random/distributions.js';
import type { RandomSource } from '../random/prng.js';
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
    const r = streams[w.fault] as ReturnType<RandomSource['stream']>;
    const stage = 'stage' in f ? backend.stages.get(f.stage) : undefined;
    let start: (now: number) => void;
    let end: (now: number) => void;
    switch (f.kind) {
      case 'latency': {
        const sample = samplers[w.fault] as NonNullable<(typeof samplers)[number]>;
        start = () => stage?.latencyStart(w.id, sample, r);
        end = () => stage?.latencyEnd(w.id);
        break;
      }
      case 'stall':
        start = (now) => stage?.stallStart(now);
        end = (now) => stage?.stallEnd(now);
        break;
      case 'capacity':
        start = () => stage?.capacityStart(w.id, f.concurrency);
        end = (now) => stage?.capacityEnd(w.id, now);
        break;
      case 'errors':
        start = () => stage?.errorsStart(w.id, f.status, f.rate, r);
        end = () => stage?.errorsEnd(w.id);
        break;
      case 'down':
        start = () => stage?.downStart();
        end = () => stage?.downEnd();
        break;
      case 'load': {
        const targets = loadTargets.filter((t) => f.sources === undefined || f.sources.includes(t.name));
        start = (now) => {
          for (const t of targets) t.setLoadFactor(w.id, f.factor, now);
        };
        end = (now) => {
          for (const t of targets) t.setLoadFactor(w.id, null, now);
        };
        break;
      }
      case 'slowBody':
        // A body that trickles needs real sockets: the simulator delivers bodies at once.
        continue;
    }
    sched.at(w.startMs, start);
    sched.at(w.endMs, end);
  }
}
