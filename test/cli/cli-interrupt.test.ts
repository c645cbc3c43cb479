/** Ctrl-C during a run: the runs finished so far are written, the summary marked partial, exit 130. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { cliProcess, ensureBuilt, hasStackTrace, tempDir, tinyScenario, write } from './cli.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
});

test('SIGINT keeps the completed runs', async () => {
  const file = write(dir, 'long.yaml', tinyScenario());
  const out = join(dir, 'partial.json');
  // Far more seeds than can finish before the signal: the run is certainly still going when it comes.
  const { child, done } = cliProcess(
    ['run', file, '--seeds', '100000', '--json', out, '--out', join(dir, 'reports')],
    dir,
  );
  await new Promise((resolve) => setTimeout(resolve, 2000));
  child.kill('SIGINT');
  const r = await done;
  expect(r.code, r.stderr).toBe(130);
  expect(hasStackTrace(r.stderr)).toBe(false);
  expect(r.stderr).toMatch(
    /^Interrupted: \d+ of 200000 runs had finished; the summary is marked partial\.$/m,
  );
  const summary = JSON.parse(readFileSync(out, 'utf8'));
  expect(summary.partial).toBe(true);
  expect(summary.runs.length, 'some runs finished in 2 s').toBeGreaterThan(0);
  expect(summary.runs.length).toBeLessThan(200000);
  expect(
    summary.runs.every((run: { policy: string }) => run.policy === 'fast'),
    'policies run in order',
  ).toBe(true);
  expect(readFileSync(join(dir, 'reports/tiny.summary.json'), 'utf8')).toBe(readFileSync(out, 'utf8'));
  expect(readFileSync(join(dir, 'reports/index.html'), 'utf8')).toMatch(/partial/);
});
