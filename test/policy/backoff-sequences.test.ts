import { describe, expect, it } from 'vitest';
import { type BackoffStep, startBackoff } from '../../src/core/policy/backoff.js';
import type { Backoff } from '../../src/core/scenario/types.js';
import { ScriptedRandom } from './scripted-random.js';

function delays(b: Backoff, count: number, random: ScriptedRandom): number[] {
  const out: number[] = [];
  let step: BackoffStep = startBackoff(b, random);
  for (let i = 0; i < count; i++) {
    if (i > 0) step = step.next(random);
    out.push(step.delayMs);
  }
  return out;
}

describe('backoff sequences', () => {
  it('none is always 0 and draws nothing', () => {
    const random = new ScriptedRandom([]);
    expect(delays({ kind: 'none' }, 4, random), 'none').toEqual([0, 0, 0, 0]);
    expect(random.draws, 'draws').toBe(0);
  });

  it('constant repeats its delay', () => {
    const random = new ScriptedRandom([]);
    expect(delays({ kind: 'constant', delayMs: 2500 }, 3, random), 'constant').toEqual([2500, 2500, 2500]);
    expect(random.draws, 'draws').toBe(0);
  });

  it('linear grows by its step up to the cap', () => {
    const random = new ScriptedRandom([]);
    const b: Backoff = { kind: 'linear', baseMs: 1000, stepMs: 500, maxMs: 2500 };
    expect(delays(b, 5, random), 'linear').toEqual([1000, 1500, 2000, 2500, 2500]);
    expect(random.draws, 'draws').toBe(0);
  });

  it('exponential without jitter doubles up to the cap', () => {
    const random = new ScriptedRandom([]);
    const b: Backoff = { kind: 'exponential', baseMs: 5000, factor: 2, maxMs: 120_000, jitter: 'none' };
    expect(delays(b, 7, random), 'exponential').toEqual([5000, 10000, 20000, 40000, 80000, 120000, 120000]);
    expect(random.draws, 'draws').toBe(0);
  });

  it('exponential without jitter stays at the cap long after factor^n overflows', () => {
    let step = startBackoff(
      { kind: 'exponential', baseMs: 1000, factor: 2, maxMs: 60_000, jitter: 'none' },
      new ScriptedRandom([]),
    );
    for (let i = 0; i < 2000; i++) step = step.next(new ScriptedRandom([]));
    expect(step.delayMs, 'capped').toBe(60_000);
  });

  it('full jitter draws U(0, v_n), one number per step', () => {
    const random = new ScriptedRandom([0.5, 0.25, 0.75, 0.5, 0.5]);
    const b: Backoff = { kind: 'exponential', baseMs: 1000, factor: 2, maxMs: 10_000, jitter: 'full' };
    expect(delays(b, 5, random), 'full jitter').toEqual([500, 500, 3000, 4000, 5000]);
    expect(random.draws, 'draws').toBe(5);
  });

  it('equal jitter draws v_n/2 + U(0, v_n/2)', () => {
    const random = new ScriptedRandom([0.5, 0, 0.5, 0.25, 0]);
    const b: Backoff = { kind: 'exponential', baseMs: 1000, factor: 2, maxMs: 10_000, jitter: 'equal' };
    expect(delays(b, 5, random), 'equal jitter').toEqual([750, 1000, 3000, 5000, 5000]);
    expect(random.draws, 'draws').toBe(5);
  });

  it('decorrelated jitter draws min(cap, U(base, 3·prev)) from prev = base', () => {
    const random = new ScriptedRandom([0.5, 0.25, 0.5, 0.875, 0]);
    const b: Backoff = {
      kind: 'exponential',
      baseMs: 1000,
      factor: 2,
      maxMs: 10_000,
      jitter: 'decorrelated',
    };
    // U(1000,3000)→2000; U(1000,6000)→2250; U(1000,6750)→3875; U(1000,11625)→10296.875, capped; U(1000,30000)→1000.
    expect(delays(b, 5, random), 'decorrelated jitter').toEqual([2000, 2250, 3875, 10000, 1000]);
    expect(random.draws, 'draws').toBe(5);
  });

  it('a step is immutable: advancing it twice gives the same delay for the same draw', () => {
    const b: Backoff = { kind: 'exponential', baseMs: 1000, factor: 3, maxMs: 100_000, jitter: 'full' };
    const first = startBackoff(b, new ScriptedRandom([0.5]));
    const a = first.next(new ScriptedRandom([0.5]));
    const c = first.next(new ScriptedRandom([0.5]));
    expect(first.delayMs, 'first').toBe(500);
    expect(a.delayMs, 'second, once').toBe(1500);
    expect(c.delayMs, 'second, again').toBe(1500);
  });
});
