import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exponentialValue, startBackoff } from '../../src/core/policy/backoff.js';
import type { Backoff, Jitter } from '../../src/core/scenario/types.js';
import { cyclingRandom } from './scripted-random.js';

const STEPS = 30;
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const draws = fc.array(unit, { minLength: 1, maxLength: 40 });
/** Durations in ms: zero, or anything from a microsecond up (subnormal milliseconds mean nothing). */
const duration = (max: number) => fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max, noNaN: true }));
/** A base in ms and a cap at or above it. */
const baseAndCap = fc
  .tuple(duration(1e6), duration(1e7))
  .map(([baseMs, extra]) => ({ baseMs, maxMs: baseMs + extra }));
const factor = fc.double({ min: 1, max: 10, noNaN: true });

function walk(b: Backoff, values: readonly number[]): { delays: number[]; draws: number } {
  const random = cyclingRandom(values);
  const delays: number[] = [];
  let step = startBackoff(b, random);
  for (let i = 0; i < STEPS; i++) {
    if (i > 0) step = step.next(random);
    delays.push(step.delayMs);
  }
  return { delays, draws: random.draws };
}

function exponential(jitter: Jitter, baseMs: number, f: number, maxMs: number): Backoff {
  return { kind: 'exponential', baseMs, factor: f, maxMs, jitter };
}

describe('jitter bounds (fast-check)', () => {
  it('full jitter stays in [0, v_n]', () => {
    fc.assert(
      fc.property(baseAndCap, factor, draws, ({ baseMs, maxMs }, f, values) => {
        const { delays, draws: n } = walk(exponential('full', baseMs, f, maxMs), values);
        delays.forEach((d, i) => {
          const v = exponentialValue(baseMs, f, maxMs, i);
          expect(d, `full jitter step ${i}`).toBeGreaterThanOrEqual(0);
          expect(d, `full jitter step ${i}`).toBeLessThanOrEqual(v);
        });
        expect(n, 'one draw per step').toBe(STEPS);
      }),
    );
  });

  it('equal jitter stays in [v_n/2, v_n]', () => {
    fc.assert(
      fc.property(baseAndCap, factor, draws, ({ baseMs, maxMs }, f, values) => {
        const { delays, draws: n } = walk(exponential('equal', baseMs, f, maxMs), values);
        delays.forEach((d, i) => {
          const v = exponentialValue(baseMs, f, maxMs, i);
          expect(d, `equal jitter step ${i}`).toBeGreaterThanOrEqual(v / 2);
          expect(d, `equal jitter step ${i}`).toBeLessThanOrEqual(v);
        });
        expect(n, 'one draw per step').toBe(STEPS);
      }),
    );
  });

  it('decorrelated jitter stays in [base, min(cap, 3·prev)]', () => {
    fc.assert(
      fc.property(baseAndCap, draws, ({ baseMs, maxMs }, values) => {
        const { delays, draws: n } = walk(exponential('decorrelated', baseMs, 2, maxMs), values);
        let prev = baseMs;
        delays.forEach((d, i) => {
          expect(d, `decorrelated step ${i}`).toBeGreaterThanOrEqual(baseMs);
          expect(d, `decorrelated step ${i}`).toBeLessThanOrEqual(Math.min(maxMs, 3 * prev));
          prev = d;
        });
        expect(n, 'one draw per step').toBe(STEPS);
      }),
    );
  });

  it('no backoff goes above its cap', () => {
    const backoff: fc.Arbitrary<Backoff> = fc.oneof(
      fc
        .tuple(baseAndCap, factor, fc.constantFrom<Jitter>('none', 'full', 'equal', 'decorrelated'))
        .map(([{ baseMs, maxMs }, f, jitter]) => exponential(jitter, baseMs, f, maxMs)),
      fc
        .tuple(baseAndCap, duration(1e6))
        .map(([{ baseMs, maxMs }, stepMs]): Backoff => ({ kind: 'linear', baseMs, stepMs, maxMs })),
    );
    fc.assert(
      fc.property(backoff, draws, (b, values) => {
        const cap = b.kind === 'exponential' || b.kind === 'linear' ? b.maxMs : 0;
        for (const d of walk(b, values).delays) expect(d, `${b.kind} under cap`).toBeLessThanOrEqual(cap);
      }),
    );
  });

  it('unjittered backoffs draw nothing', () => {
    fc.assert(
      fc.property(baseAndCap, factor, ({ baseMs, maxMs }, f) => {
        expect(walk(exponential('none', baseMs, f, maxMs), [0.5]).draws, 'exponential none').toBe(0);
        expect(walk({ kind: 'linear', baseMs, stepMs: f, maxMs }, [0.5]).draws, 'linear').toBe(0);
      }),
    );
  });
});
