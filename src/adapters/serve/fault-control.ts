/**
 * The faults a served backend is under, each with an id a person can name: the scenario's timeline
 * (`scenario-0`, `scenario-1`, … counting from server start, like the simulator's) and the faults posted to
 * the control API (`f1`, `f2`, … starting when posted). Every window goes through the core's `faultEdges`,
 * the code the engines apply the timeline with; slowBody windows are kept here, where the routes ask how
 * fast to trickle a body. Ending a fault closes its open window now and drops the windows still to come.
 */

import type { Backend } from '../../core/model/backend.js';
import { type FaultEdges, faultEdges } from '../../core/model/fault-timeline.js';
import { type Dist, type Sampler, sampler } from '../../core/random/distributions.js';
import type { Random, RandomSource } from '../../core/random/prng.js';
import type { Fault } from '../../core/scenario/types.js';
import type { Scheduler, Timer } from '../../core/scheduler.js';
import { formatDuration } from '../../core/units.js';

export type FaultSource = 'scenario' | 'control';

export interface FaultView {
  id: string;
  source: FaultSource;
  /** `stall postgrest for 30s` */
  summary: string;
  /** The fault as normalized (durations in ms). */
  fault: Fault;
  active: boolean;
  /** Scenario ms until the current window closes (active) — or until the next one opens (waiting). */
  remainingMs: number;
  /** Windows still to open after the current or next one; null: no end (flapping until deleted). */
  windowsLeft: number | null;
}

interface Entry {
  id: string;
  source: FaultSource;
  fault: Fault;
  /** Start of window 0; window k starts `k · every` later. */
  firstStartMs: number;
  /** No window starts at or after this (the scenario's duration for its timeline). */
  horizonMs: number;
  windows: number;
  k: number;
  active: boolean;
  windowStartMs: number;
  windowId: number;
  edges: FaultEdges | null;
  timer: Timer | null;
  random: Random;
  sample: Sampler | null;
}

export class FaultControl {
  private readonly entries = new Map<string, Entry>();
  /** Open slowBody windows: window id → where and how fast. */
  private readonly slow = new Map<number, { stage: string; bytesPerSec: number }>();
  private nextControlId = 1;
  /** Window ids are shared by every fault on the stages (capacity, latency and errors stack by id). */
  private nextWindowId = 0;
  /** Windows opened since the start or the last reset. */
  windowsOpened = 0;

  constructor(
    private readonly backend: Backend,
    private readonly sched: Scheduler,
    private readonly random: RandomSource,
    private readonly onEdge: (line: string) => void = () => {},
  ) {}

  /** The scenario's timeline from time 0, up to its duration; `load` faults are left out (no traffic here). */
  timeline(faults: readonly Fault[], durationMs: number): void {
    faults.forEach((f, i) => {
      if (f.kind === 'load') return;
      this.schedule(`scenario-${i}`, 'scenario', f, f.atMs, durationMs, this.random.stream(`fault:${i}`));
    });
  }

  /** A fault that starts now (its `atMs` is ignored); returns how it looks. */
  post(fault: Fault): FaultView {
    const n = this.nextControlId++;
    const id = `f${n}`;
    this.schedule(
      id,
      'control',
      fault,
      this.sched.now(),
      Number.POSITIVE_INFINITY,
      this.random.stream(`control:fault:${n}`),
    );
    return this.view(this.entries.get(id) as Entry, this.sched.now());
  }

  /** Ends one fault now; null when there is no such fault (any more). */
  end(id: string): FaultView | null {
    const entry = this.entries.get(id);
    if (entry === undefined) return null;
    const now = this.sched.now();
    const view = this.view(entry, now);
    this.stop(entry, now);
    this.onEdge(`fault ${id} ended (deleted): ${view.summary}`);
    return { ...view, active: false, remainingMs: 0, windowsLeft: 0 };
  }

  /** Ends every fault, the timeline's waiting ones too; returns how many there were. */
  endAll(): number {
    const n = this.entries.size;
    for (const id of [...this.entries.keys()]) this.end(id);
    return n;
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  list(now = this.sched.now()): FaultView[] {
    return [...this.entries.values()].map((e) => this.view(e, now));
  }

  /** The trickle rate now for a body through these stages: the slowest open slowBody window, or null. */
  slowBodyRate(stages: readonly string[]): number | null {
    let rate: number | null = null;
    for (const w of this.slow.values()) {
      if (stages.includes(w.stage) && (rate === null || w.bytesPerSec < rate)) rate = w.bytesPerSec;
    }
    return rate;
  }

  /** Cancels every timer without applying anything (the server is going away). */
  close(): void {
    for (const e of this.entries.values()) if (e.timer !== null) this.sched.cancel(e.timer);
    this.entries.clear();
    this.slow.clear();
  }

  // ── windows ────────────────────────────────────────────────────────────────────────────────────────

  private schedule(
    id: string,
    source: FaultSource,
    fault: Fault,
    firstStartMs: number,
    horizonMs: number,
    random: Random,
  ): void {
    const windows = fault.everyMs === undefined ? 1 : (fault.times ?? Number.POSITIVE_INFINITY);
    const entry: Entry = {
      id,
      source,
      fault,
      firstStartMs,
      horizonMs,
      windows,
      k: 0,
      active: false,
      windowStartMs: firstStartMs,
      windowId: -1,
      edges: null,
      timer: null,
      random,
      sample: fault.kind === 'latency' ? sampler(fault.latency) : null,
    };
    if (firstStartMs >= horizonMs) return;
    this.entries.set(id, entry);
    if (firstStartMs <= this.sched.now()) this.open(entry, firstStartMs, this.sched.now());
    else entry.timer = this.sched.at(firstStartMs, (now) => this.open(entry, firstStartMs, now));
  }

  private open(entry: Entry, startMs: number, now: number): void {
    const f = entry.fault;
    entry.timer = null;
    entry.active = true;
    entry.windowStartMs = startMs;
    entry.windowId = this.nextWindowId++;
    this.windowsOpened++;
    if (f.kind === 'slowBody') {
      this.slow.set(entry.windowId, { stage: f.stage, bytesPerSec: f.bytesPerSec });
    } else {
      entry.edges = faultEdges(f, entry.windowId, this.backend, [], entry.random, entry.sample);
      entry.edges?.start(now);
    }
    entry.timer = this.sched.at(startMs + f.forMs, (t) => this.windowEnds(entry, t));
    this.onEdge(`fault ${entry.id} started: ${summary(f)}`);
  }

  private windowEnds(entry: Entry, now: number): void {
    entry.timer = null;
    this.closeWindow(entry, now);
    this.onEdge(`fault ${entry.id} ended: ${summary(entry.fault)}`);
    entry.k++;
    const next = entry.firstStartMs + entry.k * (entry.fault.everyMs ?? 0);
    if (entry.k >= entry.windows || next >= entry.horizonMs) {
      this.entries.delete(entry.id);
      return;
    }
    entry.windowStartMs = next;
    entry.timer = this.sched.at(next, (t) => this.open(entry, next, t));
  }

  private closeWindow(entry: Entry, now: number): void {
    if (!entry.active) return;
    entry.active = false;
    entry.edges?.end(now);
    entry.edges = null;
    this.slow.delete(entry.windowId);
  }

  private stop(entry: Entry, now: number): void {
    if (entry.timer !== null) this.sched.cancel(entry.timer);
    entry.timer = null;
    this.closeWindow(entry, now);
    this.entries.delete(entry.id);
  }

  private view(e: Entry, now: number): FaultView {
    const until = e.active ? e.windowStartMs + e.fault.forMs : e.windowStartMs;
    return {
      id: e.id,
      source: e.source,
      summary: summary(e.fault),
      fault: e.fault,
      active: e.active,
      remainingMs: Math.max(0, Math.round(until - now)),
      windowsLeft: windowsLeft(e),
    };
  }
}

/** Windows still to open after the current (or next) one, bounded by `times` and by the horizon. */
function windowsLeft(e: Entry): number | null {
  const every = e.fault.everyMs;
  if (every === undefined) return 0;
  const byTimes = e.windows - e.k - 1;
  const byHorizon = Number.isFinite(e.horizonMs)
    ? Math.max(0, Math.ceil((e.horizonMs - e.firstStartMs) / every) - e.k - 1)
    : Number.POSITIVE_INFINITY;
  const n = Math.min(byTimes, byHorizon);
  return Number.isFinite(n) ? n : null;
}

function distText(d: Dist): string {
  switch (d.dist) {
    case 'fixed':
      return formatDuration(d.value);
    case 'uniform':
      return `${formatDuration(d.min)}..${formatDuration(d.max)}`;
    case 'lognormal':
      return `lognormal(median ${formatDuration(Math.exp(d.mu))})`;
    case 'exponential':
    case 'normal':
      return `${d.dist}(mean ${formatDuration(d.mean)})`;
    default:
      return d.dist;
  }
}

/** A fault in a few words: `stall postgrest for 30s`, `errors api 503 at 50% for 10s every 1m ×3`. */
export function summary(f: Fault): string {
  const window = `for ${formatDuration(f.forMs)}${f.everyMs === undefined ? '' : ` every ${formatDuration(f.everyMs)}${f.times === undefined ? '' : ` ×${f.times}`}`}`;
  switch (f.kind) {
    case 'latency':
      return `latency ${f.stage} +${distText(f.latency)} ${window}`;
    case 'capacity':
      return `capacity ${f.stage} down to ${f.concurrency} ${window}`;
    case 'errors':
      return `errors ${f.stage} ${f.status} at ${Math.round(f.rate * 1000) / 10}% ${window}`;
    case 'slowBody':
      return `slowBody ${f.stage} ${f.bytesPerSec} B/s ${window}`;
    case 'load':
      return `load ×${f.factor} ${window}`;
    default:
      return `${f.kind} ${f.stage} ${window}`;
  }
}
