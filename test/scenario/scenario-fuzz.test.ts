/**
 * Whatever it is given, the parser answers: ok with a scenario, or problems that are single lines.
 * It never throws (a stack trace is never the answer to a bad file).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseScenarioText, type ScenarioResult, scenarioFromValue } from '../../src/core/scenario/index.js';

function wellFormed(result: ScenarioResult): boolean {
  if (result.ok) return typeof result.scenario.name === 'string';
  return (
    result.problems.length > 0 &&
    result.problems.every((p) => p.length > 0 && !p.includes('\n') && !p.includes('    at '))
  );
}

const fixture = parseScenarioText(
  readFileSync(new URL('./fixtures/seed-incident.yaml', import.meta.url), 'utf8'),
  'yaml',
);
if (!fixture.ok) throw new Error('the fixture must be valid');
const valid = fixture.raw;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value in `value`, as key lists. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

/** `value` with the thing at `path` replaced (or deleted when `replacement` is undefined). */
function mutate(value: unknown, path: string[], replacement: Json | undefined): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  if (path.length === 0) return replacement;
  let parent: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const allPaths = paths(valid);

/** Values a person might plausibly write in a scenario, wrong or right. */
const plausible: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(
    'none',
    'off',
    '5s',
    '0',
    '1m30s',
    '20/s',
    'fifo',
    'unbounded',
    'never',
    '',
    'api',
    'events',
    '> 8',
  ),
  fc.constantFrom(0, -1, 1, 0.5, 1.5, 1e308, 10),
  fc.constantFrom(
    { dist: 'lognormal', median: '1s' },
    { kind: 'exponential', base: '1s' },
    { extends: 'recommended' },
  ),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const yamlish = fc
  .array(
    fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ':',
      ': ',
      ' ',
      '  ',
      '\n',
      '- ',
      'name',
      'a',
      '"',
      "'",
      '&x ',
      '*x',
      '<<: ',
      '#',
      '!!str ',
      '!x ',
      '1',
      '5s',
      ',',
      '---\n',
      '? ',
      '|\n',
      '\t',
      '%YAML 1.2\n',
      '...\n',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('the parser never throws', () => {
  test('arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => wellFormed(scenarioFromValue(value))),
      { numRuns: 500 },
    );
  });

  test('arbitrary strings as YAML and as JSON', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        return wellFormed(parseScenarioText(text, 'yaml')) && wellFormed(parseScenarioText(text, 'json'));
      }),
      { numRuns: 500 },
    );
  });

  test('YAML-shaped strings', () => {
    fc.assert(
      fc.property(yamlish, (text) => wellFormed(parseScenarioText(text, 'yaml', 'x.yaml'))),
      { numRuns: 1000 },
    );
  });

  test('the valid scenario with one value replaced or removed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...allPaths),
        fc.option(plausible, { nil: undefined }),
        (path, replacement) => {
          return wellFormed(scenarioFromValue(mutate(valid, path, replacement)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('deep nesting and odd keys', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    expect(wellFormed(scenarioFromValue(deep))).toBe(true);
    expect(wellFormed(parseScenarioText(`${'['.repeat(5000)}1`, 'json'))).toBe(true);
    const proto = JSON.parse('{"name": "x", "__proto__": {"polluted": true}, "constructor": 1}');
    expect(wellFormed(scenarioFromValue(proto))).toBe(true);
    expect(({} as Record<string, unknown>).polluted, 'no prototype pollution').toBeUndefined();
  });
});
