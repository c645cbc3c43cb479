/**
 * Serve's faults on virtual time (the simulator's kernel as the Scheduler): the scenario's timeline counted
 * from the start, flapping windows, faults posted to start now, DELETE ending a window at once (work frozen
 * by a stall resumes where it stopped), overlapping faults stacking by window id, slowBody rates.
 */
import { describe, expect, test } from 'vitest';
import { FaultControl } from '../../src/adapters/serve/fault-control.js';
import { Backend } from '../../src/core/model/backend.js';
import { RandomSource } from '../../src/core/random/prng.js';
import { scenarioFromValue } from '../../src/core/scenario/index.js';
import type { Fault, Scenario } from '../../src/core/scenario/types.js';
import { SimKernel } from '../../src/engine/sim/kernel.js';

function scenario(faults: unknown[] = []): Scenario {
  const r = scenarioFromValue({
    name: 'faults',
    duration: '60s',
    backend: {
      endpoints: { e: { stages: ['s'] } },
      stages: { s: { concurrency: 4, service: '100ms' } },
    },
    workload: { traffic: { ui: { endpoint: 'e', arrival: { kind: 'poisson', rate: '1/s' } } } },
    faults,
  });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.scenario;
}

function setup(s: Scenario) {
  const kernel = new SimKernel();
  const random = new RandomSource(1);
  const backend = new Backend(s.backend, kernel, random);
  const log: Array<[number, string]> = [];
  const faults = new FaultControl(backend, kernel, random, (line) => log.push([kernel.now(), line]));
  const stage = backend.stages.get('s');
  if (stage === undefined) throw new Error('no stage s');
  return { kernel, backend, faults, log, stage };
}

const stall = (forMs: number, extra: Partial<Fault> = {}): Fault =>
  ({ kind: 'stall', stage: 's', atMs: 0, forMs, ...extra }) as Fault;

describe('the timeline', () => {
  test('counts from the start; flapping windows open and close on time; load faults and windows past the end are left out', () => {
    const s = scenario([
      { kind: 'stall', stage: 's', at: '10s', for: '2s', every: '5s', times: 3 },
      { kind: 'load', factor: 2, at: '1s', for: '1s' },
      { kind: 'errors', stage: 's', at: '90s', for: '1s' },
    ]);
    const { kernel, faults, log, stage } = setup(s);
    faults.timeline(s.faults, s.durationMs);
    expect(faults.ids(), 'load and past-the-end left out').toEqual(['scenario-0']);
    expect(faults.list()[0]).toMatchObject({ active: false, remainingMs: 10_000, windowsLeft: 2 });
    const stalledAt = (t: number): boolean => {
      kernel.run(t);
      return stage.stalled;
    };
    expect([9_999, 10_000, 11_999, 12_000, 15_000, 17_000, 20_000, 22_000, 25_000].map(stalledAt)).toEqual([
      false,
      true,
      true,
      false,
      true,
      false,
      true,
      false,
      false,
    ]);
    expect(log).toEqual([
      [10_000, 'fault scenario-0 started: stall s for 2s every 5s ×3'],
      [12_000, 'fault scenario-0 ended: stall s for 2s every 5s ×3'],
      [15_000, 'fault scenario-0 started: stall s for 2s every 5s ×3'],
      [17_000, 'fault scenario-0 ended: stall s for 2s every 5s ×3'],
      [20_000, 'fault scenario-0 started: stall s for 2s every 5s ×3'],
      [22_000, 'fault scenario-0 ended: stall s for 2s every 5s ×3'],
    ]);
    expect(faults.list(), 'gone after its last window').toEqual([]);
  });

  test("DELETE of every fault ends the timeline's waiting faults too", () => {
    const s = scenario([{ kind: 'stall', stage: 's', at: '10s', for: '2s' }]);
    const { kernel, faults, stage } = setup(s);
    faults.timeline(s.faults, s.durationMs);
    kernel.run(1000);
    expect(faults.endAll()).toBe(1);
    kernel.run(11_000);
    expect(stage.stalled).toBe(false);
  });
});

describe('posted faults', () => {
  test('start now, report what is left, and end by themselves', () => {
    const { kernel, faults, stage } = setup(scenario());
    kernel.run(1000);
    const view = faults.post(stall(30_000));
    expect(view).toMatchObject({
      id: 'f1',
      source: 'control',
      active: true,
      remainingMs: 30_000,
      windowsLeft: 0,
    });
    expect(stage.stalled).toBe(true);
    kernel.run(21_000);
    expect(faults.list()[0]?.remainingMs).toBe(10_000);
    kernel.run(31_000);
    expect(stage.stalled).toBe(false);
    expect(faults.list()).toEqual([]);
  });

  test('DELETE ends one now: work frozen by the stall resumes where it stopped', () => {
    const { kernel, backend, faults } = setup(scenario());
    const replies: Array<[number, number]> = [];
    backend.request('e', 0, (r, now) => replies.push([now, r.kind === 'response' ? r.status : -1]));
    kernel.run(40);
    faults.post(stall(3_600_000));
    kernel.run(5_000);
    expect(replies, 'frozen').toEqual([]);
    expect(faults.end('f1')).toMatchObject({ id: 'f1', active: false });
    expect(faults.end('f1'), 'already gone').toBeNull();
    kernel.run(10_000);
    // 40 ms of service before the stall, the remaining 60 ms after it ended at 5 s.
    expect(replies).toEqual([[5_060, 200]]);
  });

  test('overlapping capacity faults stack by window: the lowest wins until it ends', () => {
    const { kernel, faults, stage } = setup(scenario());
    faults.post({ kind: 'capacity', stage: 's', concurrency: 2, atMs: 0, forMs: 10_000 });
    faults.post({ kind: 'capacity', stage: 's', concurrency: 1, atMs: 0, forMs: 5_000 });
    expect(stage.effectiveConcurrency).toBe(1);
    kernel.run(5_000);
    expect(stage.effectiveConcurrency).toBe(2);
    kernel.run(10_000);
    expect(stage.effectiveConcurrency).toBe(4);
  });

  test('flapping without times goes on until deleted; slowBody windows give the trickle rate', () => {
    const { kernel, faults } = setup(scenario());
    const view = faults.post({
      kind: 'slowBody',
      stage: 's',
      bytesPerSec: 200,
      atMs: 0,
      forMs: 1_000,
      everyMs: 3_000,
    });
    expect(view.windowsLeft).toBeNull();
    expect(faults.slowBodyRate(['s'])).toBe(200);
    expect(faults.slowBodyRate(['other'])).toBeNull();
    kernel.run(1_500);
    expect(faults.slowBodyRate(['s'])).toBeNull();
    expect(faults.list()[0]).toMatchObject({ active: false, remainingMs: 1_500 });
    kernel.run(300_000);
    expect(faults.slowBodyRate(['s']), 'still flapping').toBe(200);
    faults.end(view.id);
    expect(faults.slowBodyRate(['s'])).toBeNull();
    expect(faults.list()).toEqual([]);
  });
});
