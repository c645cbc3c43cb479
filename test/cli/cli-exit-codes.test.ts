/** The exit codes a pipeline acts on (DESIGN §6), from the real executable. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli, ensureBuilt, hasStackTrace, removeTempDirs, tempDir, tinyScenario, write } from './cli.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
});
afterAll(removeTempDirs);

describe('exit codes', () => {
  test('0: the thresholds pass, and the table compares the policies side by side', () => {
    const file = write(dir, 'ok.yaml', tinyScenario());
    const r = cli(['run', file, '--out', join(dir, 'reports')], dir);
    expect(r.stderr, 'stderr').toBe('');
    expect(r.code, 'exit code').toBe(0);
    const header = r.stdout.split('\n').find((l) => l.trimStart().startsWith('metric'));
    expect(header, 'one column per policy').toMatch(/metric\s+fast\s+slow/);
    expect(r.stdout, 'a best value is marked').toMatch(/^\s+poll\.timeouts\s+\S+\s+\S+ \*$/m);
    expect(r.stdout).toMatch(/jobs\.completed >= 1\s+pass 6\s+pass 6/);
  });

  test('2: a scenario that does not validate', () => {
    const file = write(dir, 'bad.yaml', tinyScenario().replace('duration: 2m', 'duration: 2'));
    const r = cli(['run', file], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `${file}: duration: expected a duration like 250ms, 5s, 3m or 1h, got 2 (durations need a unit: 2ms, 2s, ...)\n`,
    );
  });

  test('2: a missing file, an unknown policy, unparsable YAML, a live engine that is not there yet', () => {
    const file = write(dir, 'ok2.yaml', tinyScenario());
    const missing = cli(['run', 'nope.yaml'], dir);
    expect(missing.code, 'missing file').toBe(2);
    expect(missing.stderr).toMatch(/^nope\.yaml: no such file/);

    const policy = cli(['run', file, '--policy', 'fastt', '--no-out'], dir);
    expect(policy.code, 'unknown policy').toBe(2);
    expect(policy.stderr).toBe(
      `--policy fastt: no such policy in ${file} (it has fast, slow), did you mean fast?\n`,
    );

    const yaml = write(dir, 'syntax.yaml', 'name: x\nbackend:\n  stages: [a\n');
    const syntax = cli(['run', yaml], dir);
    expect(syntax.code, 'bad YAML').toBe(2);
    expect(syntax.stderr).toMatch(
      new RegExp(`^${yaml.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line \\d+, column \\d+: invalid YAML: `),
    );

    const live = cli(['run', file, '--engine', 'live', '--time-scale', '0'], dir);
    expect(live.code, 'a time scale that is not > 0').toBe(2);
    expect(live.stderr).toBe('--time-scale: expected a number > 0, got 0\n');

    const seed = cli(['run', file, '--seed', '-3'], dir);
    expect(seed.code, 'negative seed').toBe(2);
    expect(seed.stderr).toBe('--seed: expected an integer >= 0, got -3\n');

    const flag = cli(['run', file, '--polcy', 'fast'], dir);
    expect(flag.code, 'unknown flag').toBe(2);
    expect(flag.stderr).toMatch(/Unknown argument: polcy/);
    for (const r of [missing, policy, syntax, live, seed, flag])
      expect(hasStackTrace(r.stderr), r.stderr).toBe(false);
  });

  test('99: a threshold fails; each failure is named', () => {
    const file = write(
      dir,
      'fail.yaml',
      tinyScenario('jobs.completed: [">= 100"]\n  recovery.metastable: ["== false"]'),
    );
    const r = cli(['run', file, '--no-out'], dir);
    expect(r.code).toBe(99);
    expect(r.stdout).toMatch(/jobs\.completed >= 100\s+FAIL 6\s+FAIL 6/);
    expect(r.stderr.trim().split('\n')).toEqual([
      'threshold failed: fast: jobs.completed >= 100 (was 6)',
      'threshold failed: slow: jobs.completed >= 100 (was 6)',
    ]);
  });

  test('99 with --quiet: no table, the failures still explained', () => {
    const file = write(dir, 'fail-quiet.yaml', tinyScenario('jobs.completed: [">= 100"]'));
    const r = cli(['run', file, '--no-out', '--quiet'], dir);
    expect(r.code).toBe(99);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/threshold failed: fast: jobs\.completed >= 100/);
  });

  test('98: a metric regressed against the baseline by more than --max-regression', () => {
    const file = write(dir, 'base.yaml', tinyScenario());
    const baseline = join(dir, 'baseline.json');
    expect(cli(['run', file, '--json', baseline, '--no-out', '-q'], dir).code).toBe(0);

    const same = cli(['run', file, '--baseline', baseline, '--no-out', '-q'], dir);
    expect(same.code, 'the same run is no regression').toBe(0);

    // Make the baseline look better than this run: twice the completed jobs for policy fast.
    const summary = JSON.parse(readFileSync(baseline, 'utf8'));
    summary.aggregate.fast['jobs.completed'].mean = 12;
    const better = join(dir, 'better-baseline.json');
    writeFileSync(better, JSON.stringify(summary));
    const r = cli(['run', file, '--baseline', better, '--max-regression', '10', '--no-out', '-q'], dir);
    expect(r.code).toBe(98);
    expect(r.stderr).toBe('regression: fast: jobs.completed 12 → 6 (50 % worse, limit 10 %)\n');

    const tolerant = cli(
      ['run', file, '--baseline', better, '--max-regression', '60', '--no-out', '-q'],
      dir,
    );
    expect(tolerant.code, 'within the allowed regression').toBe(0);
  });

  test('2: a baseline that is not a summary', () => {
    const file = write(dir, 'base2.yaml', tinyScenario());
    const notSummary = write(dir, 'not-summary.json', '{"hello": 1}');
    const r = cli(['run', file, '--baseline', notSummary, '--no-out'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not-summary\.json: not a pollstorm summary/);
  });

  test('1: a harness failure is one line and a hint, the stack only with --verbose', () => {
    const file = write(dir, 'io.yaml', tinyScenario());
    const r = cli(['run', file, '--no-out', '--json', '/dev/null/summary.json'], dir);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(2);
    expect(lines[0]).toMatch(/^pollstorm: Failed to write \/dev\/null\/summary\.json: /);
    expect(lines[1]).toMatch(/rerun with --verbose for the stack/);
    const verbose = cli(['run', file, '--no-out', '--json', '/dev/null/summary.json', '--verbose'], dir);
    expect(verbose.code).toBe(1);
    expect(hasStackTrace(verbose.stderr), 'stack with --verbose').toBe(true);
  });
});
