/** Ctrl-C during a run: the runs finished so far are written, the summary marked partial, exit 130. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  cliProcess,
  ensureBuilt,
  hasStackTrace,
  removeTempDirs,
  tempDir,
  tinyScenario,
  write,
} from './cli.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
});
afterAll(removeTempDirs);

test('SIGINT keeps the completed runs', async () => {
  const file = write(dir, 'long.yaml', tinyScenario());
  const out = join(dir, 'partial.json');
  // Far more seeds than can ever finish; the progress bar (forced on) says when some runs have.
  const { child, done, stderrMatches } = cliProcess(
    ['run', file, '--seeds', '100000', '--json', out, '--out', join(dir, 'reports')],
    dir,
    { POLLSTORM_PROGRESS: 'always' },
  );
  await stderrMatches(/ [1-9]\d*\/200000 runs/);
  child.kill('SIGINT');
  const r = await done;
  expect(r.code, r.stderr).toBe(130);
  expect(hasStackTrace(r.stderr)).toBe(false);
  expect(r.stderr).toMatch(
    /^Interrupted: \d+ of 200000 runs had finished; the summary is marked partial\.$/m,
  );
  const summary = JSON.parse(readFileSync(out, 'utf8'));
  expect(summary.partial).toBe(true);
  expect(summary.runs.length, 'the runs finished before the signal').toBeGreaterThan(0);
  expect(summary.runs.length).toBeLessThan(200000);
  expect(
    summary.runs.every((run: { policy: string }) => run.policy === 'fast'),
    'policies run in order',
  ).toBe(true);
  expect(readFileSync(join(dir, 'reports/tiny.summary.json'), 'utf8')).toBe(readFileSync(out, 'utf8'));
  expect(readFileSync(join(dir, 'reports/index.html'), 'utf8')).toMatch(/partial/);
});
