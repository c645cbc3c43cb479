/** `init` writes a starter scenario that validates and runs as it is, and never overwrites by accident. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cli, ensureBuilt, removeTempDirs, tempDir } from './cli.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
});
afterAll(removeTempDirs);

test('init writes scenarios/starter.yaml, which validates and runs with its thresholds passing', () => {
  const r = cli(['init'], dir);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^wrote scenarios\/starter\.yaml$/m);
  const text = readFileSync(join(dir, 'scenarios/starter.yaml'), 'utf8');
  expect(text.split('\n').filter((l) => l.trimStart().startsWith('#')).length, 'commented').toBeGreaterThan(
    10,
  );
  expect(cli(['validate', 'scenarios/starter.yaml'], dir).code).toBe(0);
  const run = cli(['run', 'scenarios/starter.yaml', '--no-out'], dir);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/All thresholds passed/);
});

test('init refuses to overwrite without --force', () => {
  const file = join(dir, 'mine.yaml');
  writeFileSync(file, 'my work\n');
  const r = cli(['init', 'mine.yaml'], dir);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(
    'mine.yaml: already exists; pass --force to overwrite it, or name another file: pollstorm init other.yaml\n',
  );
  expect(readFileSync(file, 'utf8'), 'untouched').toBe('my work\n');
  expect(cli(['init', 'mine.yaml', '--force'], dir).code).toBe(0);
  expect(cli(['validate', 'mine.yaml'], dir).code).toBe(0);
});

test('init picks the format from the extension: JSON validates too', () => {
  expect(cli(['init', 'starter.json'], dir).code).toBe(0);
  const v = cli(['validate', 'starter.json'], dir);
  expect(v.stderr).toBe('');
  expect(v.code).toBe(0);
});
