/** Metric names of DESIGN §5 made concrete for a scenario, and threshold conditions. */
import { describe, expect, test } from 'vitest';
import { knownMetricNames, parseThresholdCondition } from '../../src/core/scenario/index.js';
import { minimal, normalized } from './helpers.js';

describe('knownMetricNames', () => {
  const scenario = normalized(
    minimal({
      backend: {
        endpoints: { events: { stages: ['api', 'postgrest'] } },
        stages: { api: {}, postgrest: {} },
      },
      workload: { traffic: { ui: { endpoint: 'events', arrival: { kind: 'poisson', rate: '1/s' } } } },
    }),
  );
  const names = knownMetricNames(scenario);

  test('resolves stage.<name>.* and traffic.<source>.* against the scenario', () => {
    expect(names).toContain('stage.postgrest.wait.p95');
    expect(names).toContain('stage.api.wastedMs');
    expect(names).toContain('traffic.ui.latency.p99');
    expect(
      names.some((n) => n.includes('<')),
      'no placeholders',
    ).toBe(false);
  });

  test('has the global metrics and no duplicates', () => {
    for (const name of [
      'jobs.throughputPerMin',
      'poll.amplification',
      'cascade.peakWorkersTimingOut',
      'recovery.metastable',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(new Set(names).size).toBe(names.length);
    expect(names.length, 'count').toBe(31 + 7 + 2 * 12);
  });

  test('thresholds on resolved names are accepted', () => {
    const s = normalized(
      minimal({
        thresholds: {
          'stage.api.utilization': ['< 0.9'],
          'poll.latency.p99': '<=2000',
          'recovery.ms': ['!= -1'],
        },
      }),
    );
    expect(s.thresholds).toStrictEqual({
      'stage.api.utilization': ['< 0.9'],
      'poll.latency.p99': ['<= 2000'],
      'recovery.ms': ['!= -1'],
    });
  });
});

describe('parseThresholdCondition', () => {
  test.each([
    ['< 50', { op: '<', value: 50 }],
    ['>=0.9', { op: '>=', value: 0.9 }],
    ['  == false ', { op: '==', value: false }],
    ['!= true', { op: '!=', value: true }],
    ['> -1.5e3', { op: '>', value: -1500 }],
    ['<= .5', { op: '<=', value: 0.5 }],
  ])('%j', (text, expected) => {
    expect(parseThresholdCondition(text)).toStrictEqual(expected);
  });

  test.each(['', '50', '< fast', '=> 3', '< true', '>= false', '== 1 2', '= 3'])(
    '%j is not a condition',
    (text) => {
      expect(parseThresholdCondition(text)).toBeUndefined();
    },
  );
});
