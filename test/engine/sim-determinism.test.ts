import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../src/engine/sim/index.js';
import { summaryJson } from '../../src/engine/summary.js';
import { basePolicy, singleStage } from '../support/scenario.js';

const scenario = () =>
  singleStage({
    concurrency: 5,
    service: { dist: 'lognormal', mu: Math.log(30), sigma: 1 },
    ratePerSec: 120,
    durationMs: 300_000,
    policy: basePolicy({
      timeout: { connectMs: Number.POSITIVE_INFINITY, readMs: 1000, totalMs: Number.POSITIVE_INFINITY },
      retries: { count: 2, on: ['timeout'], backoff: { kind: 'exponential', baseMs: 50, factor: 2, maxMs: 1000, jitter: 'full' } },
    }),
    faults: [{ kind: 'stall', stage: 's', atMs: 60_000, forMs: 5000 }],
  });

describe('determinism', () => {
  it('the same scenario and seed give byte-identical summary JSON', () => {
    const a = summaryJson(simulateScenario(scenario(), { seeds: [5] }));
    const b = summaryJson(simulateScenario(scenario(), { seeds: [5] }));
    expect(a.length).toBeGreaterThan(1000);
    expect(a === b, 'identical bytes').toBe(true);
  });

  it('another seed gives another summary', () => {
    const a = simulateScenario(scenario(), { seeds: [5] });
    const b = simulateScenario(scenario(), { seeds: [6] });
    expect(a.runs[0]?.metrics['stage.s.wait.mean']).not.toBe(b.runs[0]?.metrics['stage.s.wait.mean']);
  });

  it('the summary has the fields of DESIGN §5 and no wall-clock time', () => {
    const s = simulateScenario(scenario(), { seeds: [5, 6] });
    expect(Object.keys(s)).toEqual(['schema', 'tool', 'scenario', 'engine', 'seeds', 'runs', 'aggregate', 'aggregateThresholds']);
    expect(s.runs.map((r) => [r.policy, r.seed])).toEqual([
      ['default', 5],
      ['default', 6],
    ]);
    const wait = s.aggregate.default?.['stage.s.wait.mean'];
    expect(wait?.min).toBeLessThanOrEqual(wait?.mean as number);
    expect(wait?.max).toBeGreaterThanOrEqual(wait?.mean as number);
    expect(JSON.stringify(s)).not.toMatch(/"(date|time|startedAt|wallclock)"/i);
  });
});
