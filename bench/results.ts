/**
 * From the children's reports to the figures and the two requirements of the issue. Pure functions of
 * measured numbers, so they can be tested without timing anything.
 */
import type { CaseReport } from './case-report.js';
import type { BenchCase } from './scenarios.js';

/** Simulated requests per wall-clock second, whole process, for every single-stage M/M/c case. */
export const MIN_REQUESTS_PER_SEC = 1_000_000;
/** Peak RSS of the 10 h run over that of the 1 h run of the same shape. */
export const MAX_RSS_RATIO = 1.2;

export interface CaseResult {
  case: string;
  family: BenchCase['family'] | 'baseline';
  shape: string;
  hours: number;
  virtualMs: number;
  requests: number;
  served: number;
  events: number;
  /** Spawn to exit of the child process: start-up, module loading, JIT warm-up and the run. */
  wallMs: number;
  /** `simulate` alone, timed inside the child. */
  simulationMs: number;
  requestsPerSecWhole: number;
  requestsPerSecSimulation: number;
  eventsPerSecSimulation: number;
  /** CPU time of the whole child (GC helper threads included): a cross-check when the machine is busy. */
  cpuMs: number;
  requestsPerCpuSec: number;
  peakRssMb: number;
  newSpaceMb: number;
  oldSpaceMb: number;
}

function perSec(count: number, ms: number): number {
  return ms > 0 ? Math.round((count / ms) * 1000) : 0;
}

function mb(kb: number): number {
  return Math.round((kb / 1024) * 10) / 10;
}

export function caseResult(
  meta: Pick<CaseResult, 'family' | 'shape' | 'hours'>,
  r: CaseReport,
  wallMs: number,
): CaseResult {
  return {
    case: r.case,
    ...meta,
    virtualMs: r.virtualMs,
    requests: r.requests,
    served: r.served,
    events: r.events,
    wallMs: Math.round(wallMs * 10) / 10,
    simulationMs: Math.round(r.simulationMs * 10) / 10,
    requestsPerSecWhole: perSec(r.requests, wallMs),
    requestsPerSecSimulation: perSec(r.requests, r.simulationMs),
    eventsPerSecSimulation: perSec(r.events, r.simulationMs),
    cpuMs: Math.round(r.cpuMs),
    requestsPerCpuSec: perSec(r.requests, r.cpuMs),
    peakRssMb: mb(r.maxRssKb),
    newSpaceMb: r.newSpaceMb,
    oldSpaceMb: r.oldSpaceMb,
  };
}

export interface RateRequirement {
  requirement: string;
  /** null when no single-stage case ran. */
  pass: boolean | null;
  cases: Array<{ case: string; requestsPerSecWhole: number; pass: boolean }>;
}

export function rateRequirement(results: CaseResult[]): RateRequirement {
  const cases = results
    .filter((r) => r.family === 'single-stage')
    .map((r) => ({
      case: r.case,
      requestsPerSecWhole: r.requestsPerSecWhole,
      pass: r.requestsPerSecWhole >= MIN_REQUESTS_PER_SEC,
    }));
  return {
    requirement: `every single-stage M/M/c case simulates >= ${MIN_REQUESTS_PER_SEC} requests per wall-clock second, whole process`,
    pass: cases.length === 0 ? null : cases.every((c) => c.pass),
    cases,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export interface MemoryRequirement {
  requirement: string;
  /** null when no shape ran at both 1 h and 10 h (e.g. `--quick`). */
  pass: boolean | null;
  shapes: Array<{
    shape: string;
    rss1hMb: number;
    rss10hMb: number;
    ratio: number;
    pass: boolean;
    /**
     * Diagnostic, not the verdict: V8's young generation (committed at exit) grows with the allocation
     * rate over a run whatever the simulator holds; the ratio of RSS less that shows the simulator's part.
     */
    newSpace1hMb: number;
    newSpace10hMb: number;
    ratioWithoutNewSpace: number;
  }>;
}

export function memoryRequirement(results: CaseResult[]): MemoryRequirement {
  const shapes: MemoryRequirement['shapes'] = [];
  for (const short of results.filter((r) => r.hours === 1 && r.family !== 'baseline')) {
    const long = results.find((r) => r.shape === short.shape && r.hours === 10);
    if (long === undefined) continue;
    const ratio = round3(long.peakRssMb / short.peakRssMb);
    shapes.push({
      shape: short.shape,
      rss1hMb: short.peakRssMb,
      rss10hMb: long.peakRssMb,
      ratio,
      pass: ratio <= MAX_RSS_RATIO,
      newSpace1hMb: short.newSpaceMb,
      newSpace10hMb: long.newSpaceMb,
      ratioWithoutNewSpace: round3((long.peakRssMb - long.newSpaceMb) / (short.peakRssMb - short.newSpaceMb)),
    });
  }
  return {
    requirement: `peak RSS of the 10 h run <= ${MAX_RSS_RATIO} x that of the 1 h run, per scenario shape`,
    pass: shapes.length === 0 ? null : shapes.every((s) => s.pass),
    shapes,
  };
}

function thousands(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function hoursLabel(r: CaseResult): string {
  return r.family === 'baseline' ? '-' : `${r.hours} h`;
}

/** The stdout table: one row per case, numbers right-aligned. */
export function formatTable(results: CaseResult[]): string {
  const header = ['case', 'virtual', 'requests', 'wall s', 'req/s whole', 'req/s sim-only', 'peak RSS MB'];
  const rows = results.map((r) => [
    r.case,
    hoursLabel(r),
    thousands(r.requests),
    (r.wallMs / 1000).toFixed(2),
    r.family === 'baseline' ? '-' : thousands(r.requestsPerSecWhole),
    r.family === 'baseline' ? '-' : thousands(r.requestsPerSecSimulation),
    r.peakRssMb.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function verdict(pass: boolean | null): string {
  return pass === null ? 'NOT MEASURED' : pass ? 'PASS' : 'FAIL';
}

/** Human lines for the two requirements, naming each failing case. */
export function formatRequirements(rate: RateRequirement, memory: MemoryRequirement): string {
  const out = [`[${verdict(rate.pass)}] ${rate.requirement}`];
  for (const c of rate.cases) {
    out.push(`    ${c.pass ? 'ok  ' : 'FAIL'} ${c.case}: ${thousands(c.requestsPerSecWhole)}/s`);
  }
  out.push(`[${verdict(memory.pass)}] ${memory.requirement}`);
  for (const s of memory.shapes) {
    out.push(
      `    ${s.pass ? 'ok  ' : 'FAIL'} ${s.shape}: ${s.rss10hMb} / ${s.rss1hMb} MB = ${s.ratio}` +
        ` (V8 young generation ${s.newSpace1hMb} -> ${s.newSpace10hMb} MB; RSS less it: ${s.ratioWithoutNewSpace})`,
    );
  }
  if (memory.shapes.length === 0)
    out.push('    (needs a 1 h and a 10 h run of one shape; --quick runs 1 h only)');
  return out.join('\n');
}
