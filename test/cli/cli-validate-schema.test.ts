/** `validate` on good and bad files, and `schema` printing a JSON Schema editors can use. */
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

test('validate: a valid file is described on stdout, exit 0', () => {
  const file = write(dir, 'ok.yaml', tinyScenario());
  const r = cli(['validate', file], dir);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe(
    `valid  ${file}: tiny · 2 min 00 s simulated · 2 policies (fast, slow) · 1 threshold\n`,
  );
});

test('validate: several files, exit 2 when any is invalid, and which ones', () => {
  const ok = write(dir, 'ok2.yaml', tinyScenario());
  const r = cli(['validate', ok, 'missing.yaml'], dir);
  expect(r.code).toBe(2);
  expect(r.stdout).toMatch(/^valid {2}/);
  expect(r.stderr).toMatch(/^missing\.yaml: no such file/m);
  expect(r.stderr).toMatch(/^1 of 2 files are invalid$/m);
});

test('validate: a TypeScript scenario with a default export', () => {
  const file = write(
    dir,
    'scenario.ts',
    `const duration: string = '2m';\nexport default { name: 'ts-scenario', duration, backend: { endpoints: { e: { stages: ['s'] } }, stages: { s: {} } }, workload: { traffic: { t: { endpoint: 'e', arrival: { kind: 'constant', rate: '1/s' } } } } };\n`,
  );
  const r = cli(['validate', file], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/ts-scenario · 2 min 00 s simulated · 1 policy \(default\)/);
});

test('schema: JSON Schema draft-07 of the scenario language', () => {
  const r = cli(['schema'], dir);
  expect(r.code).toBe(0);
  const schema = JSON.parse(r.stdout);
  expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  expect(Object.keys(schema.properties)).toEqual(
    expect.arrayContaining(['name', 'duration', 'backend', 'workload', 'policies', 'thresholds']),
  );
  const out = join(dir, 'editor', 'scenario.schema.json');
  const written = cli(['schema', '-o', out], dir);
  expect(written.code).toBe(0);
  expect(readFileSync(out, 'utf8')).toBe(r.stdout);
});
