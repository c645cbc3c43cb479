/**
 * `pollstorm run --engine live` through the built executable: the same table, summary JSON and exit codes
 * as the simulator with `engine: live`; a warning for durations scaled below what timers resolve; Ctrl-C
 * stops the run in progress, writes the partial summary and exits 130 with nothing left running.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  cli,
  cliProcess,
  ensureBuilt,
  hasStackTrace,
  removeTempDirs,
  tempDir,
  tinyScenario,
  write,
} from '../cli/cli.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
});
afterAll(removeTempDirs);

test('a live run: exit 0, engine live, the simulator metrics, a warning for sub-millisecond durations', () => {
  const file = write(dir, 'tiny.yaml', tinyScenario());
  const out = join(dir, 'live.json');
  // Two policies × 2 minutes at 0.02: about 5 s of wall time.
  const r = cli(['run', file, '--engine', 'live', '--time-scale', '0.02', '--json', out, '--no-out'], dir);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/tiny · live engine/);
  expect(r.stderr).toMatch(
    /^warning: --time-scale 0\.02 makes .*backend\.stages\.s\.service 20 ms → 0\.4 ms/m,
  );
  const live = JSON.parse(readFileSync(out, 'utf8'));
  expect(live.engine).toBe('live');
  expect(live.partial).toBeUndefined();
  expect(live.runs.map((run: { policy: string }) => run.policy)).toEqual(['fast', 'slow']);
  const simOut = join(dir, 'sim.json');
  expect(cli(['run', file, '--json', simOut, '--no-out', '-q'], dir).code).toBe(0);
  const sim = JSON.parse(readFileSync(simOut, 'utf8'));
  expect(Object.keys(live.runs[0].metrics).sort()).toEqual(Object.keys(sim.runs[0].metrics).sort());
  expect(live.runs[0].metrics['traffic.ui.attempts'], 'open-loop traffic over HTTP too').toBeGreaterThan(
    1000,
  );
}, 30_000);

test('Ctrl-C during a live run: the partial summary, exit 130, the process ends', async () => {
  const file = write(dir, 'long.yaml', tinyScenario().replace('duration: 2m', 'duration: 30m'));
  const out = join(dir, 'partial.json');
  // 30 minutes at 0.01 would be 18 s per policy.
  const run = cliProcess(
    ['run', file, '--engine', 'live', '--time-scale', '0.01', '--json', out, '--no-out'],
    dir,
  );
  await run.stderrMatches(/warning: --time-scale/);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  run.child.kill('SIGINT');
  const r = await run.done;
  expect(r.code, r.stderr).toBe(130);
  expect(hasStackTrace(r.stderr)).toBe(false);
  expect(r.stderr).toMatch(/^Interrupted: 0 of 2 runs had finished; the summary is marked partial\.$/m);
  const summary = JSON.parse(readFileSync(out, 'utf8'));
  expect(summary.partial).toBe(true);
  expect(summary.engine).toBe('live');
  expect(summary.runs.length, 'the run in progress, up to the signal').toBe(1);
  expect(summary.runs[0].metrics['poll.attempts']).toBeGreaterThan(0);
}, 20_000);

test('bad --time-scale values exit 2 with one line', () => {
  const file = write(dir, 'ok.yaml', tinyScenario());
  const sim = cli(['run', file, '--time-scale', '0.1', '--no-out'], dir);
  expect(sim.code).toBe(2);
  expect(sim.stderr).toBe('--time-scale: applies to --engine live only\n');
  const zero = cli(['run', file, '--engine', 'live', '--time-scale', '0', '--no-out'], dir);
  expect(zero.code).toBe(2);
  expect(zero.stderr).toBe('--time-scale: expected a number > 0, got 0\n');
});
