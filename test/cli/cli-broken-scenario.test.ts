/** A broken scenario: one `file: path: message` line per problem on stderr, nothing else, no stack. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cli, ensureBuilt, hasStackTrace, removeTempDirs, tempDir, tinyScenario, write } from './cli.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
});
afterAll(removeTempDirs);

test('every problem of a broken file, one line each, naming its path', () => {
  const broken = tinyScenario('jobs.thruput: ["> 1"]')
    .replace(
      'slow: { interval: 10s, timeout: { read: 30s } }',
      'slow: { extends: fastest, backoff: { kind: exponential, base: 1s, jitter: fulll } }',
    )
    .replace('concurrency: 4', 'concurrency: 0');
  const file = write(dir, 'broken.yaml', broken);
  for (const command of ['run', 'validate']) {
    const r = cli([command, file], dir);
    expect(r.code, command).toBe(2);
    expect(r.stdout, command).toBe('');
    expect(hasStackTrace(r.stderr), command).toBe(false);
    expect(r.stderr.trim().split('\n'), command).toEqual([
      `${file}: backend.stages.s.concurrency: expected an integer >= 1, got 0`,
      `${file}: policies.slow.backoff.jitter: expected one of none, full, equal, decorrelated, got "fulll"`,
    ]);
  }
});

test('cross-reference problems once the shapes are right', () => {
  const file = write(
    dir,
    'refs.yaml',
    tinyScenario('jobs.thruput: ["> 1"]').replace(
      'slow: { interval: 10s, timeout: { read: 30s } }',
      'slow: { extends: fastest }',
    ),
  );
  const r = cli(['validate', file], dir);
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(
    lines.every((l) => l.startsWith(`${file}: `)),
    r.stderr,
  ).toBe(true);
  expect(r.stderr).toMatch(/policies\.slow\.extends: .*fastest/);
  expect(r.stderr).toMatch(/thresholds\.jobs\.thruput: unknown metric "jobs\.thruput"/);
  expect(hasStackTrace(r.stderr)).toBe(false);
});

test('JSON with a syntax error names its line and column', () => {
  const file = write(dir, 'broken.json', '{\n  "name": "x",\n  "duration": 5s\n}\n');
  const r = cli(['validate', file], dir);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(
    new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 3, column \\d+: invalid JSON: `),
  );
});
