/** --junit: well-formed XML with one test case per threshold per policy; failures carry the observed value. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cli, ensureBuilt, removeTempDirs, tempDir, tinyScenario, write } from './cli.js';
import { parseXml } from './xml.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
});
afterAll(removeTempDirs);

test('one <testcase> per threshold per policy, failed ones with a <failure>', () => {
  const thresholds = [
    'jobs.completed: [">= 1", "< 1000"]',
    'poll.timeouts: ["< 1"]',
    'traffic.ui.latency.p99: ["< 60000"]',
  ];
  const file = write(dir, 'junit.yaml', tinyScenario(thresholds.join('\n  ')));
  const out = join(dir, 'out', 'junit.xml');
  const r = cli(['run', file, '--junit', out, '--no-out', '-q'], dir);
  expect(r.code, 'poll.timeouts < 1 fails for policy fast').toBe(99);
  const elements = parseXml(readFileSync(out, 'utf8'));
  const suites = elements.filter((e) => e.name === 'testsuite');
  expect(suites.map((s) => s.attributes.name)).toEqual(['tiny · fast', 'tiny · slow']);
  const cases = elements.filter((e) => e.name === 'testcase');
  expect(cases, '4 thresholds × 2 policies').toHaveLength(8);
  expect(cases.map((c) => `${c.attributes.classname} ${c.attributes.name}`)).toEqual([
    'pollstorm.tiny.fast jobs.completed >= 1',
    'pollstorm.tiny.fast jobs.completed < 1000',
    'pollstorm.tiny.fast poll.timeouts < 1',
    'pollstorm.tiny.fast traffic.ui.latency.p99 < 60000',
    'pollstorm.tiny.slow jobs.completed >= 1',
    'pollstorm.tiny.slow jobs.completed < 1000',
    'pollstorm.tiny.slow poll.timeouts < 1',
    'pollstorm.tiny.slow traffic.ui.latency.p99 < 60000',
  ]);
  const failures = elements.filter((e) => e.name === 'failure');
  expect(failures).toHaveLength(1);
  expect(failures[0]?.parent?.attributes.name).toBe('poll.timeouts < 1');
  expect(failures[0]?.attributes.message).toBe('poll.timeouts was 9, expected < 1');
  const root = elements[0];
  expect(root?.name).toBe('testsuites');
  expect(root?.attributes).toMatchObject({ tests: '8', failures: '1' });
});

test('names with XML metacharacters stay well-formed', () => {
  const file = write(dir, 'odd.yaml', tinyScenario().replace('name: tiny', `name: "a<b & 'c' \\"d\\""`));
  const out = join(dir, 'odd.xml');
  expect(cli(['run', file, '--junit', out, '--no-out', '-q'], dir).code).toBe(0);
  const elements = parseXml(readFileSync(out, 'utf8'));
  expect(elements.find((e) => e.name === 'testsuite')?.attributes.name).toBe(`a<b & 'c' "d" · fast`);
});
