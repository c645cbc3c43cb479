/**
 * Runs the real, built `pollstorm` executable as a child process, the way a user or a CI job does.
 * The build happens once per test session (under a lock, since test files run in parallel), and only
 * when a source file is newer than the executable.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'dist/src/cli/main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(BIN).mtimeMs;
  } catch {
    return 0;
  }
}

/** Builds dist/ if it is missing or older than src/; parallel callers wait for the one that builds. */
export function ensureBuilt(): void {
  if (builtAt() >= newestSource(join(ROOT, 'src'))) return;
  const lock = join(tmpdir(), 'pollstorm-cli-test-build.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    if (builtAt() >= newestSource(join(ROOT, 'src'))) return;
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A clean environment: no colours, no CI-specific behaviour leaking from the machine running the tests. */
function env(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete e.FORCE_COLOR;
  return e;
}

export function cli(args: string[], cwd: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: env({}) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI and hands back the child, for tests that signal it. */
export function cliProcess(args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: env(extraEnv) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  /** Resolves once standard error matches `pattern` (or the process ends). */
  const stderrMatches = (pattern: RegExp): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (pattern.test(stderr)) resolve();
      };
      child.stderr.on('data', check);
      child.on('close', () => resolve());
      check();
    });
  return { child, done, stderrMatches };
}

/** A fresh folder; `removeTempDirs` (in each file's afterAll) deletes them. */
const made: string[] = [];
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pollstorm-cli-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A small scenario that simulates in milliseconds: a fleet and a traffic source, a stall, two policies. */
export function tinyScenario(thresholds = 'jobs.completed: [">= 1"]'): string {
  return `name: tiny
seed: 7
duration: 2m
backend:
  endpoints: { e: { stages: [s] } }
  stages: { s: { concurrency: 4, service: { dist: exponential, mean: 20ms } } }
workload:
  fleet: { workers: 3, endpoint: e, jobs: { arrival: { kind: batch, count: 6 }, runtime: 20s } }
  traffic: { ui: { endpoint: e, arrival: { kind: poisson, rate: 20/s }, client: { timeout: { total: 1s } } } }
faults:
  - { kind: stall, stage: s, at: 30s, for: 10s }
policies:
  fast: { interval: 2s, timeout: { read: 2s } }
  slow: { interval: 10s, timeout: { read: 30s } }
thresholds:
  ${thresholds}
`;
}

/** No line of a stack trace (`    at fn (file:1:2)`) anywhere in the text. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(]/m.test(text);
}
