/** The requirement verdicts and the table, from made-up measurements: nothing here is timed. */
import { describe, expect, it } from 'vitest';
import type { CaseReport } from '../../bench/case-report.js';
import {
  type CaseResult,
  caseResult,
  formatRequirements,
  formatTable,
  memoryRequirement,
  rateRequirement,
} from '../../bench/results.js';

function report(overrides: Partial<CaseReport>): CaseReport {
  return {
    case: 'x',
    virtualMs: 3_600_000,
    requests: 0,
    served: 0,
    events: 0,
    simulationMs: 0,
    maxRssKb: 0,
    heapUsedBytes: 0,
    cpuMs: 0,
    newSpaceMb: 0,
    oldSpaceMb: 0,
    ...overrides,
  };
}

function result(
  name: string,
  family: CaseResult['family'],
  hours: number,
  requests: number,
  wallMs: number,
  rssMb: number,
) {
  return caseResult(
    { family, shape: `${family} shape`, hours },
    report({ case: name, requests, simulationMs: wallMs / 2, maxRssKb: rssMb * 1024 }),
    wallMs,
  );
}

describe('caseResult', () => {
  it('derives whole-process and simulation-only rates and MB', () => {
    const r = caseResult(
      { family: 'single-stage', shape: 's', hours: 1 },
      report({ requests: 3_000_000, events: 6_000_000, simulationMs: 1500, cpuMs: 3000, maxRssKb: 61_440 }),
      2000,
    );
    expect(r.requestsPerSecWhole, 'whole').toBe(1_500_000);
    expect(r.requestsPerSecSimulation, 'sim-only').toBe(2_000_000);
    expect(r.eventsPerSecSimulation, 'events').toBe(4_000_000);
    expect(r.requestsPerCpuSec, 'per CPU second').toBe(1_000_000);
    expect(r.peakRssMb, 'MB').toBe(60);
  });
});

describe('rateRequirement', () => {
  it('judges the single-stage cases only, and fails when one is below 1M/s', () => {
    const rate = rateRequirement([
      result('mmc-1h', 'single-stage', 1, 1_000_000, 1000, 50),
      result('mmc-10h', 'single-stage', 10, 900_000, 1000, 50),
      result('two-1h', 'two-stage', 1, 100, 1000, 50),
    ]);
    expect(rate.cases.map((c) => [c.case, c.pass])).toEqual([
      ['mmc-1h', true],
      ['mmc-10h', false],
    ]);
    expect(rate.pass).toBe(false);
  });

  it('is not measured without single-stage cases', () => {
    expect(rateRequirement([result('two-1h', 'two-stage', 1, 1, 1, 1)]).pass).toBeNull();
  });
});

describe('memoryRequirement', () => {
  it('compares the 10 h run with the 1 h run of the same shape', () => {
    const memory = memoryRequirement([
      result('a-1h', 'single-stage', 1, 1, 1, 50),
      result('a-3h', 'single-stage', 3, 1, 1, 70),
      result('a-10h', 'single-stage', 10, 1, 1, 60),
      result('b-1h', 'two-stage', 1, 1, 1, 100),
      result('b-10h', 'two-stage', 10, 1, 1, 121),
    ]);
    expect(memory.shapes.map((s) => [s.shape, s.ratio, s.pass])).toEqual([
      ['single-stage shape', 1.2, true],
      ['two-stage shape', 1.21, false],
    ]);
    expect(memory.pass).toBe(false);
  });

  it('shows the ratio without V8 young generation as a diagnostic, not as the verdict', () => {
    const short = { ...result('a-1h', 'single-stage', 1, 1, 1, 60), newSpaceMb: 8 };
    const long = { ...result('a-10h', 'single-stage', 10, 1, 1, 84), newSpaceMb: 32 };
    const [shape] = memoryRequirement([short, long]).shapes;
    expect(shape?.ratio, 'ratio').toBe(1.4);
    expect(shape?.pass, 'verdict on raw RSS').toBe(false);
    expect(shape?.ratioWithoutNewSpace, 'without young generation').toBe(1);
  });

  it('is not measured when no shape has both lengths (--quick)', () => {
    const memory = memoryRequirement([result('a-1h', 'single-stage', 1, 1, 1, 50)]);
    expect(memory.pass).toBeNull();
    expect(formatRequirements(rateRequirement([]), memory)).toContain('NOT MEASURED');
  });
});

describe('formatTable', () => {
  it('has the columns of the issue and one aligned row per case', () => {
    const lines = formatTable([result('mmc-10-1h', 'single-stage', 1, 540_259, 590, 59.4)]).split('\n');
    expect(lines[0]).toMatch(
      /^case\s+virtual\s+requests\s+wall s\s+req\/s whole\s+req\/s sim-only\s+peak RSS MB$/,
    );
    expect(lines[2]).toMatch(/^mmc-10-1h\s+1 h\s+540,259\s+0\.59\s+915,693\s+1,831,386\s+59\.4$/);
    expect(new Set(lines.map((l) => l.length)).size, 'aligned').toBe(1);
  });
});
