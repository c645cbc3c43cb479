/** The bench's case catalogue and scenarios, run briefly: the metrics the bench counts must exist. */
import { describe, expect, it } from 'vitest';
import { requestCounts } from '../../bench/measure-case.js';
import { benchCases, findCase, selectCases } from '../../bench/scenarios.js';
import { simulate } from '../../src/engine/sim/run.js';

describe('case selection', () => {
  it('names are unique and found by name', () => {
    const names = benchCases().map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(findCase(name)?.name).toBe(name);
  });

  it('quick is the default set at 1 h; full is every case', () => {
    const defaults = selectCases('default');
    const quick = selectCases('quick');
    expect(quick.length).toBeGreaterThan(0);
    expect(quick.map((c) => c.name)).toEqual(defaults.filter((c) => c.hours === 1).map((c) => c.name));
    expect(selectCases('full').length).toBe(benchCases().length);
  });

  it('the default set runs the 10 h/1 h memory comparison for both families', () => {
    const defaults = selectCases('default');
    for (const family of ['single-stage', 'two-stage']) {
      const hours = defaults.filter((c) => c.family === family).map((c) => c.hours);
      expect(hours, family).toContain(1);
      expect(hours, family).toContain(10);
    }
  });
});

describe('scenarios', () => {
  it('the two-stage scenario is the seed stack: api 40 → postgrest 10 with a 10 s queue timeout', () => {
    const s = findCase('two-stage-10-1h')!.build();
    expect(s.backend.endpoints.e?.stages).toEqual(['api', 'postgrest']);
    expect(s.backend.stages.api).toMatchObject({
      concurrency: 40,
      service: { dist: 'fixed', value: 2 },
      downstreamTimeoutMs: 60_000,
    });
    expect(s.backend.stages.postgrest).toMatchObject({
      concurrency: 10,
      queue: { timeoutMs: 10_000, status: 504 },
    });
    expect(s.policies.default?.timeout.readMs).toBe(60_000);
    expect(s.durationMs).toBe(3_600_000);
  });

  for (const name of ['mmc-10-1h', 'two-stage-10-1h']) {
    it(`${name}: a minute of it yields the request counts the bench reads`, () => {
      const scenario = { ...findCase(name)!.build(), durationMs: 60_000, bucketMs: 1000 };
      const counts = requestCounts(scenario, simulate(scenario, 'default', 1));
      // 150/s for 60 s; Poisson, so within a few standard deviations (√9000 ≈ 95).
      expect(Math.abs(counts.requests - 9000)).toBeLessThan(500);
      expect(counts.served).toBeGreaterThan(counts.requests - 100);
      expect(counts.served).toBeLessThanOrEqual(counts.requests);
    });
  }
});
