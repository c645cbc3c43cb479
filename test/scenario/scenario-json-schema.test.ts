/** The JSON Schema for editors, and `defineScenario` for TypeScript scenario files. */
import { describe, expect, test } from 'vitest';
import { defineScenario, scenarioFromValue, scenarioJsonSchema } from '../../src/core/scenario/index.js';

type Schema = {
  $schema?: string;
  type?: string;
  description?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  pattern?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema() as Schema;
  const props = schema.properties ?? {};

  test('is draft-07 and serializable', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(JSON.parse(JSON.stringify(schema))).toStrictEqual(schema);
  });

  test('describes the top-level fields and requires the essentials', () => {
    expect(schema.required).toEqual(['name', 'duration', 'backend', 'workload']);
    for (const key of ['name', 'duration', 'seed', 'faults', 'policies', 'thresholds']) {
      expect(props[key]?.description, key).toBeTruthy();
    }
  });

  test('rejects unknown keys, so editors flag typos', () => {
    expect(schema.additionalProperties).toBe(false);
    const stage = props.backend?.properties?.stages?.additionalProperties as Schema;
    expect(stage.additionalProperties).toBe(false);
    expect(stage.properties?.concurrency?.description).toMatch(/slots/i);
  });

  test('durations carry the pattern the parser accepts', () => {
    const pattern = new RegExp(props.duration?.pattern ?? '^$');
    for (const ok of ['250ms', '5s', '3m', '1h', '1m30s', '0', '1.5s'])
      expect(pattern.test(ok), ok).toBe(true);
    for (const bad of ['5 seconds', '5', 's', '', '1d']) expect(pattern.test(bad), bad).toBe(false);
  });

  test('every property has a description, except discriminators', () => {
    const undescribed: string[] = [];
    const walk = (s: Schema, path: string) => {
      for (const [key, child] of Object.entries(s.properties ?? {})) {
        if (
          child.description === undefined &&
          !['kind', 'dist', 'weight', 'processorSharing'].includes(key)
        ) {
          undescribed.push(`${path}.${key}`);
        }
        walk(child, `${path}.${key}`);
      }
      if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${path}.*`);
      for (const option of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) walk(option, path);
      const items = (s as { items?: Schema }).items;
      if (items) walk(items, `${path}[]`);
    };
    walk(schema, '');
    expect(undescribed).toEqual([]);
  });
});

describe('defineScenario', () => {
  test('is the identity, typed by the raw scenario shape', () => {
    const raw = defineScenario({
      name: 'typed',
      duration: '5m',
      backend: { endpoints: { e: { stages: ['s'] } }, stages: { s: { concurrency: 2 } } },
      workload: { traffic: { load: { endpoint: 'e', arrival: { kind: 'poisson', rate: '10/s' } } } },
      policies: {
        fast: { timeout: { total: '1s' }, backoff: { kind: 'exponential', base: '100ms', jitter: 'full' } },
      },
    });
    expect(raw.name).toBe('typed');
    const result = scenarioFromValue(raw);
    expect(result.ok).toBe(true);
  });
});
