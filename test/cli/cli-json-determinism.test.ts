/** Same scenario, same seed: byte-identical summary JSON, through the whole command line. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cli, ensureBuilt, removeTempDirs, tempDir, tinyScenario, write } from './cli.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
});
afterAll(removeTempDirs);

test('--json is byte-identical for the same seed, and differs for another', () => {
  const file = write(dir, 'tiny.yaml', tinyScenario());
  const paths = ['a.json', 'b.json', 'c.json'].map((f) => join(dir, f));
  expect(cli(['run', file, '--seed', '11', '--json', paths[0] as string, '--no-out', '-q'], dir).code).toBe(
    0,
  );
  expect(
    cli(['run', file, '--seed', '11', '--json', paths[1] as string, '-q', '--out', join(dir, 'reports')], dir)
      .code,
  ).toBe(0);
  expect(cli(['run', file, '--seed', '12', '--json', paths[2] as string, '--no-out', '-q'], dir).code).toBe(
    0,
  );
  const [a, b, c] = paths.map((p) => readFileSync(p));
  expect(a?.equals(b as Buffer), 'same seed, same bytes').toBe(true);
  expect(a?.equals(c as Buffer), 'another seed, other bytes').toBe(false);
  expect(
    readFileSync(join(dir, 'reports/tiny.summary.json')).equals(a as Buffer),
    '--out writes the same summary',
  ).toBe(true);
  const summary = JSON.parse(String(a));
  expect(summary.seeds).toEqual([11]);
  expect(summary.runs.map((r: { policy: string }) => r.policy)).toEqual(['fast', 'slow']);
});

test('--json - writes the summary to standard output, the table to stderr', () => {
  const file = write(dir, 'tiny2.yaml', tinyScenario());
  const r = cli(['run', file, '--json', '-', '--no-out'], dir);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).schema).toBe(1);
  expect(r.stderr).toMatch(/metric\s+fast\s+slow/);
});

test('--seeds K: K consecutive seeds per policy, mean ± CI in the table, the policy filter applied', () => {
  const file = write(dir, 'tiny3.yaml', tinyScenario());
  const out = join(dir, 'seeds.json');
  const r = cli(
    ['run', file, '--seeds', '3', '--seed', '5', '--policy', 'slow', '--json', out, '--no-out'],
    dir,
  );
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/seeds 5–7 · 1 policy/);
  expect(r.stdout).toMatch(/^\s+jobs\.completed\s+6 ± 0$/m);
  expect(r.stdout).toMatch(/threshold \(on the mean\)/);
  const summary = JSON.parse(readFileSync(out, 'utf8'));
  expect(summary.seeds).toEqual([5, 6, 7]);
  expect(summary.runs.map((run: { policy: string; seed: number }) => `${run.policy}@${run.seed}`)).toEqual([
    'slow@5',
    'slow@6',
    'slow@7',
  ]);
  expect(Object.keys(summary.aggregateThresholds)).toEqual(['slow']);
});
