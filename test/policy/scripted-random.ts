import type { Random } from '../../src/core/random/prng.js';

/** A Random that returns the given numbers in order and counts its draws; running out is a test bug. */
export class ScriptedRandom implements Random {
  draws = 0;

  constructor(private readonly values: readonly number[]) {}

  next(): number {
    const value = this.values[this.draws];
    if (value === undefined) throw new Error(`Failed to draw: script of ${this.values.length} exhausted`);
    this.draws++;
    return value;
  }
}

/** A Random that cycles through the given numbers forever (for property tests). */
export function cyclingRandom(values: readonly number[]): Random & { draws: number } {
  const random = {
    draws: 0,
    next(): number {
      const value = values[random.draws % values.length]!;
      random.draws++;
      return value;
    },
  };
  return random;
}
