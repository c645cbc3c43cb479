/** `compare`: per-metric deltas per policy with their direction; --max-regression turns worse into exit 98. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cli, ensureBuilt, removeTempDirs, tempDir, tinyScenario, write } from './cli.js';

let dir: string;
let before: string;
let after: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  const file = write(dir, 'tiny.yaml', tinyScenario());
  before = join(dir, 'before.json');
  after = join(dir, 'after.json');
  cli(['run', file, '--seed', '1', '--json', before, '--no-out', '-q'], dir);
  // The same run, with policy fast made worse on two metrics whose directions differ.
  const summary = JSON.parse(readFileSync(before, 'utf8'));
  summary.aggregate.fast['jobs.completed'].mean = 3;
  summary.aggregate.fast['poll.timeouts'].mean = summary.aggregate.fast['poll.timeouts'].mean * 2;
  writeFileSync(after, JSON.stringify(summary));
});
afterAll(removeTempDirs);

test("two summaries: what changed per policy, better or worse by each metric's direction", () => {
  const r = cli(['compare', before, after], dir);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(/^fast: .*after\.json against .*before\.json$/m);
  expect(r.stdout).toMatch(/^\s+jobs\.completed\s+6\s+3\s+−50 %\s+worse$/m);
  expect(r.stdout).toMatch(/^\s+poll\.timeouts\s+9\s+18\s+\+100 %\s+worse$/m);
  expect(r.stdout).toMatch(/0 better, 2 worse, \d+ unchanged/);
  expect(r.stdout).toMatch(/^slow: [\s\S]*\(no metric changed\)/m);
});

test('one summary: each policy against the first', () => {
  const r = cli(['compare', before], dir);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^slow against fast$/m);
  expect(r.stdout).toMatch(/^\s+poll\.timeouts\s+9\s+0\s+−100 %\s+better$/m);
});

test('--max-regression: exit 98 naming each metric that got worse beyond it', () => {
  const r = cli(['compare', before, after, '--max-regression', '20'], dir);
  expect(r.code).toBe(98);
  expect(r.stderr.trim().split('\n')).toEqual([
    expect.stringMatching(/^regression: fast: .*: jobs\.completed 6 → 3 \(limit 20 %\)$/),
    expect.stringMatching(/^regression: fast: .*: poll\.timeouts 9 → 18 \(limit 20 %\)$/),
  ]);
});

test('a file that is not a summary is bad input', () => {
  const r = cli(['compare', before, write(dir, 'x.json', '[1, 2')], dir);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/x\.json: invalid JSON: /);
});
