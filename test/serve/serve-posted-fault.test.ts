/**
 * A fault posted to the control API is checked like a fault in a scenario file — same schema, same
 * one-line `path: message` problems — and starts now: `for` is required, `at` is refused, and a `load`
 * fault (which multiplies traffic sources serve does not run) is refused. JSON and YAML bodies both work.
 */
import { describe, expect, test } from 'vitest';
import { parsePostedFault } from '../../src/adapters/serve/posted-fault.js';
import { scenarioFromValue } from '../../src/core/scenario/index.js';
import type { Scenario } from '../../src/core/scenario/types.js';

function world(): Scenario {
  const r = scenarioFromValue({
    name: 'w',
    duration: '10m',
    backend: {
      endpoints: { events: { path: '/jobs/:jobId/events', stages: ['api', 'postgrest'] } },
      stages: { api: { concurrency: 4 }, postgrest: { concurrency: 2 } },
    },
    workload: { traffic: { ui: { endpoint: 'events', arrival: { kind: 'poisson', rate: '1/s' } } } },
  });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.scenario;
}

const problems = (body: unknown): string[] => {
  const r = parsePostedFault(body, world());
  return r.ok ? [] : r.problems;
};

describe('a posted fault', () => {
  test.each([
    ['JSON text', '{"kind":"stall","stage":"postgrest","for":"30s"}'],
    ['YAML flow, as in a scenario file', '{kind: stall, stage: postgrest, for: 30s}'],
    ['YAML block', 'kind: stall\nstage: postgrest\nfor: 30s\n'],
    ['a parsed object', { kind: 'stall', stage: 'postgrest', for: '30s' }],
  ])('%s is accepted and starts now', (_, body) => {
    expect(parsePostedFault(body, world())).toEqual({
      ok: true,
      fault: { kind: 'stall', stage: 'postgrest', atMs: 0, forMs: 30_000 },
    });
  });

  test('every kind the stages take, normalized as in a scenario', () => {
    const r = parsePostedFault(
      '{"kind":"latency","stage":"api","for":"1m","every":"5m","times":3,"latency":{"dist":"uniform","min":"100ms","max":"1s"}}',
      world(),
    );
    expect(r).toEqual({
      ok: true,
      fault: {
        kind: 'latency',
        stage: 'api',
        latency: { dist: 'uniform', min: 100, max: 1000 },
        atMs: 0,
        forMs: 60_000,
        everyMs: 300_000,
        times: 3,
      },
    });
    expect(parsePostedFault('{"kind":"errors","stage":"api","for":"10s"}', world())).toMatchObject({
      ok: true,
      fault: { kind: 'errors', status: 500, rate: 1 },
    });
  });

  test.each([
    ['no for', '{"kind":"stall","stage":"postgrest"}', ['for: required']],
    [
      'an unknown stage',
      '{"kind":"stall","stage":"pg","for":"30s"}',
      ['stage: stage "pg" is not defined (defined: api, postgrest)'],
    ],
    [
      'an at',
      '{"kind":"stall","stage":"api","at":"1m","for":"30s"}',
      ['at: not allowed here: a posted fault starts now (leave at out)'],
    ],
    ['a zero for', '{"kind":"stall","stage":"api","for":"0s"}', ['for: expected a duration > 0, got "0s"']],
    ['a bad duration', '{"kind":"stall","stage":"api","for":"soon"}', [expect.stringMatching(/^for: /)]],
    [
      'a rate above 1',
      '{"kind":"errors","stage":"api","for":"1s","rate":2}',
      ['rate: expected a number >= 0 and <= 1, got 2'],
    ],
    [
      'an unknown key',
      '{"kind":"stall","stage":"api","for":"1s","stag":"x"}',
      [expect.stringMatching(/unknown key "stag"/)],
    ],
    [
      'a load fault',
      '{"kind":"load","factor":3,"for":"1m"}',
      [expect.stringMatching(/^kind: load multiplies the scenario's traffic sources/)],
    ],
    ['an empty body', '  ', [expect.stringMatching(/^expected a fault such as \{"kind":"stall"/)]],
    ['a list', '[1, 2]', ['expected an object (key: value pairs), got a list']],
    [
      'every not longer than for',
      '{"kind":"stall","stage":"api","for":"1m","every":"30s"}',
      ['every: expected longer than for (1m), got "30s"'],
    ],
  ])('%s is refused, naming the problem', (_, body, expected) => {
    expect(problems(body)).toEqual(expected);
  });
});
