/** `--help` on every command explains each of its flags and shows an example; `--version` is the package's. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli, ensureBuilt, ROOT, removeTempDirs, tempDir } from './cli.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
});
afterAll(removeTempDirs);

const FLAGS: Record<string, string[]> = {
  run: [
    '--policy',
    '--seed',
    '--seeds',
    '--engine',
    '--out',
    '--json',
    '--html',
    '--junit',
    '--baseline',
    '--max-regression',
    '--quiet',
    '--verbose',
  ],
  validate: ['--verbose'],
  schema: ['--output'],
  init: ['--force'],
  compare: ['--all', '--max-regression'],
  report: ['--output'],
};

describe('--help', () => {
  for (const [command, flags] of Object.entries(FLAGS)) {
    test(command, () => {
      const r = cli([command, '--help'], dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^pollstorm ${command}`));
      for (const flag of flags) {
        const line = r.stdout.split('\n').find((l) => l.includes(`${flag} `) || l.endsWith(flag));
        expect(line, `${command} ${flag}`).toBeDefined();
        // The flag's line says what it does, not only its type.
        expect(
          line
            ?.replace(flag, '')
            .replace(/\[[^\]]*\]/g, '')
            .trim().length,
          `${command} ${flag} described`,
        ).toBeGreaterThan(10);
      }
      expect(r.stdout, `${command} has an example`).toMatch(
        new RegExp(`Examples:\\n\\s+pollstorm ${command}`),
      );
    });
  }

  test('the top level lists the commands and the exit codes', () => {
    const r = cli(['--help'], dir);
    expect(r.code).toBe(0);
    for (const command of Object.keys(FLAGS)) expect(r.stdout).toMatch(new RegExp(`pollstorm ${command}\\b`));
    for (const code of ['0', '1', '2', '98', '99', '130'])
      expect(r.stdout).toMatch(new RegExp(`^\\s+${code}\\s+\\S`, 'm'));
  });

  test('no command: the help, on stderr, exit 2', () => {
    const r = cli([], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Commands:/);
  });

  test('a misspelt command gets a suggestion', () => {
    const r = cli(['rn', 'x.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Did you mean run\?/);
  });
});

test('--version prints the package version', () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const r = cli(['--version'], dir);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(`${version}\n`);
});
