import { describe, expect, it } from 'vitest';
import { SlidingCounts } from '../../src/core/policy/sliding-window.js';

describe('sliding counts', () => {
  it('sums the current sub-bucket and the nine before it', () => {
    const counts = new SlidingCounts(10_000, 2);
    counts.add(0, 0);
    counts.add(999, 0, 2);
    counts.add(1_000, 1);
    expect(counts.sum(1_000, 0), 'field 0').toBe(3);
    expect(counts.sum(1_000, 1), 'field 1').toBe(1);
    expect(counts.sum(9_999, 0), 'bucket 0 still in the window').toBe(3);
    expect(counts.sum(10_000, 0), 'bucket 0 dropped').toBe(0);
    expect(counts.sum(10_999, 1), 'bucket 1 still in the window').toBe(1);
    expect(counts.sum(11_000, 1), 'bucket 1 dropped').toBe(0);
  });

  it('a jump longer than the window empties every sub-bucket', () => {
    const counts = new SlidingCounts(1_000, 1);
    for (let t = 0; t < 1_000; t += 100) counts.add(t, 0);
    expect(counts.sum(999, 0), 'full window').toBe(10);
    counts.add(50_000, 0);
    expect(counts.sum(50_000, 0), 'after a long gap').toBe(1);
  });

  it('clear forgets everything', () => {
    const counts = new SlidingCounts(1_000, 1);
    counts.add(0, 0, 5);
    counts.clear();
    expect(counts.sum(0, 0), 'cleared').toBe(0);
  });
});
