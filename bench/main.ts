/**
 * `npm run bench`: runs each case in a fresh node process (`dist/bench/case.js <case>`), so the figures
 * include start-up, module loading and JIT warm-up, as a user's `pollstorm run` would. Wall time is taken
 * from spawn to exit here; the simulation-only time and the peak RSS come from the child. Cases run one at
 * a time, so they do not compete for cores. Prints a table and the two requirements, and writes
 * reports/bench/sim-<timestamp>.json and reports/bench/latest.json.
 *
 *   --quick             the 1 h runs only (smoke check)
 *   --full              every case, including the long runs of the large shapes (well over 2 minutes)
 *   --only <text>       cases whose name contains <text>
 *   --node-flags <s>    node flags for the children (default: a fixed 16 MB young generation, see below)
 *   --live              the live engine's cases instead (bench/live.ts: wrk on loopback, 2,000 pollers)
 *
 * Exits 0 when a requirement fails (the numbers are still the point); 1 when a case could not run.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BASELINE_CASE, type CaseReport } from './case-report.js';
import { runLiveBench } from './live.js';
import { machineInfo } from './machine.js';
import {
  type CaseResult,
  caseResult,
  formatRequirements,
  formatTable,
  memoryRequirement,
  rateRequirement,
} from './results.js';
import { type BenchCase, type Selection, selectCases } from './scenarios.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CASE_SCRIPT = path.join(here, 'case.js');
/** dist/bench/ → the repository root. */
const REPORT_DIR = path.resolve(here, '..', '..', 'reports', 'bench');

const FIXED_YOUNG_GENERATION = '--min-semi-space-size=16 --max-semi-space-size=16';

interface ChildRun {
  report: CaseReport;
  wallMs: number;
}

function runChild(name: string, nodeFlags: string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let wallMs = 0;
    const child = spawn(process.execPath, [...nodeFlags, CASE_SCRIPT, name], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('exit', () => {
      wallMs = performance.now() - start;
    });
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`Failed to run case ${name}: child exited with ${signal ?? `code ${code}`}`));
        return;
      }
      try {
        resolve({ report: JSON.parse(out) as CaseReport, wallMs });
      } catch {
        reject(new Error(`Failed to read case ${name}'s report: ${JSON.stringify(out.slice(0, 200))}`));
      }
    });
  });
}

function parseCommandLine(): {
  selection: Selection;
  only: string | undefined;
  nodeFlags: string[];
  live: boolean;
} {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      only: { type: 'string' },
      // V8 grows its young generation with the allocation rate, up to 32 MB a semi-space: left adaptive,
      // that growth (not the simulator's own memory) would show as RSS growing with the run's length.
      // A fixed size makes peak RSS measure what the program keeps; start-up cost is unchanged.
      'node-flags': { type: 'string', default: FIXED_YOUNG_GENERATION },
      live: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.quick && values.full)
    throw new Error('Failed to parse arguments: --quick and --full exclude each other');
  const selection: Selection = values.quick ? 'quick' : values.full ? 'full' : 'default';
  const nodeFlags = values['node-flags'].split(/\s+/).filter((f) => f.length > 0);
  return { selection, only: values.only, nodeFlags, live: values.live };
}

function fileStamp(d: Date): string {
  // ISO 8601 with ':' and '.' replaced, so the name is valid on every file system.
  return d
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

function millions(n: number): string {
  return `${(n / 1e6).toFixed(2)}M`;
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseCommandLine>;
  try {
    args = parseCommandLine();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  if (args.live) return runLiveBench({ quick: args.selection === 'quick' });
  const startedAt = new Date();
  const benchStart = performance.now();
  const machine = machineInfo();
  let cases: BenchCase[] = selectCases(args.selection);
  if (args.only !== undefined) {
    const only = args.only;
    cases = cases.filter((c) => c.name.includes(only));
  }

  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(
    `pollstorm bench (${args.selection}${args.only ? `, only ${args.only}` : ''}): ${cases.length} cases, one process each`,
  );
  log(
    `node ${machine.node} on ${machine.cpuModel} x${machine.cores}, load average ${machine.loadAverageAtStart.join(' ')}`,
  );
  if ((machine.loadAverageAtStart[0] ?? 0) >= machine.cores / 2) {
    log(
      'warning: the machine is busy (1-minute load >= half the cores); wall-clock figures will be low and noisy',
    );
  }

  const results: CaseResult[] = [];
  const failed: Array<{ case: string; error: string }> = [];
  let baseline: CaseResult | null = null;
  try {
    const b = await runChild(BASELINE_CASE, args.nodeFlags);
    baseline = caseResult(
      { family: 'baseline', shape: 'node start-up, modules loaded', hours: 0 },
      b.report,
      b.wallMs,
    );
  } catch (e) {
    failed.push({ case: BASELINE_CASE, error: (e as Error).message });
  }
  for (const c of cases) {
    log(`  ${c.name}: ~${millions(c.expectedRequests)} requests ...`);
    try {
      const run = await runChild(c.name, args.nodeFlags);
      results.push(caseResult({ family: c.family, shape: c.shape, hours: c.hours }, run.report, run.wallMs));
    } catch (e) {
      failed.push({ case: c.name, error: (e as Error).message });
      log(`  ${(e as Error).message}`);
    }
  }

  const rate = rateRequirement(results);
  const memory = memoryRequirement(results);
  const totalWallMs = performance.now() - benchStart;
  const rows = baseline === null ? results : [baseline, ...results];
  process.stdout.write(`\n${formatTable(rows)}\n\n${formatRequirements(rate, memory)}\n`);
  for (const f of failed) process.stdout.write(`[ERROR] ${f.error}\n`);

  const json = {
    kind: 'pollstorm-bench-sim',
    schemaVersion: 1,
    startedAt: startedAt.toISOString(),
    totalWallMs: Math.round(totalWallMs),
    selection: args.selection,
    only: args.only ?? null,
    nodeFlags: args.nodeFlags,
    machine: { ...machine, loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    method: {
      requests: 'traffic.load.attempts: every request the simulated backend was sent',
      requestsPerSecWhole: 'requests / (spawn to exit of a fresh node process running one case)',
      requestsPerSecSimulation: 'requests / (wall time of simulate() inside that process)',
      requestsPerCpuSec:
        "requests / the child's CPU time (user + system, GC threads included), a cross-check on a busy machine",
      peakRssMb: "the child's process.resourceUsage().maxRSS at exit",
      newSpaceMb: "V8 young generation committed at the child's exit (v8.getHeapSpaceStatistics)",
      baseline: 'a child that loads the simulator and simulates nothing: start-up time and memory',
    },
    baseline,
    cases: results,
    requirements: { requestsPerSec: rate, memoryGrowth: memory },
    failedCases: failed,
  };
  mkdirSync(REPORT_DIR, { recursive: true });
  const file = path.join(REPORT_DIR, `sim-${fileStamp(startedAt)}.json`);
  const text = `${JSON.stringify(json, null, 2)}\n`;
  writeFileSync(file, text);
  writeFileSync(path.join(REPORT_DIR, 'latest.json'), text);
  process.stdout.write(
    `\nwrote ${path.relative(process.cwd(), file)} and latest.json (total ${(totalWallMs / 1000).toFixed(1)} s)\n`,
  );
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = await main();
