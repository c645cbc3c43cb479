/**
 * The corpus of broken scenarios: each `broken/NN-name.yaml` (or `.json`) must produce exactly the
 * problem lines of its sibling `.expected` file, in order. These lines are what a person sees.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseScenarioText } from '../../src/core/scenario/index.js';

const dir = new URL('./broken/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => /^\d+-.*\.(yaml|json)$/.test(f))
  .sort();

describe('broken scenarios', () => {
  test('the corpus has at least 30 cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  test.each(files)('%s', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const expected = readFileSync(new URL(file.replace(/\.(yaml|json)$/, '.expected'), dir), 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    const result = parseScenarioText(text, file.endsWith('.json') ? 'json' : 'yaml');
    expect(result.ok, 'rejected').toBe(false);
    expect(result.ok ? [] : result.problems).toEqual(expected);
  });
});
