import { describe, expect, it } from 'vitest';
import { createAdaptiveThrottle } from '../../src/core/policy/throttle.js';
import { ScriptedRandom } from './scripted-random.js';

function withHistory(requests: number, accepts: number) {
  const throttle = createAdaptiveThrottle({ kind: 'adaptive', k: 2, windowMs: 120_000 });
  for (let i = 0; i < requests; i++) throttle.record(i, i < accepts);
  return throttle;
}

describe('adaptive throttle (SRE book ch. 21)', () => {
  it('p = max(0, (requests − k·accepts) / (requests + 1)) with k = 2', () => {
    expect(withHistory(100, 50).rejectProbability(100), 'accepts 50').toBe(0);
    expect(withHistory(100, 20).rejectProbability(100), 'accepts 20').toBeCloseTo(0.594, 3);
    expect(withHistory(100, 0).rejectProbability(100), 'accepts 0').toBeCloseTo(0.99, 3);
  });

  it('allow draws one number each time and counts local rejections as requests', () => {
    const throttle = withHistory(100, 0);
    const random = new ScriptedRandom([0.5, 0.995, 0.5]);
    expect(throttle.allow(100, random), 'u = 0.5 < 0.990').toBe(false);
    expect(throttle.rejectProbability(100), 'rejection counted').toBeCloseTo(101 / 102, 12);
    expect(throttle.allow(100, random), 'u = 0.995 ≥ 0.990').toBe(true);
    expect(throttle.rejectProbability(100), 'an allowed call is counted when recorded').toBeCloseTo(
      101 / 102,
      12,
    );
    expect(random.draws, 'draws').toBe(2);

    const healthy = withHistory(100, 100);
    expect(healthy.allow(100, random), 'p = 0 still draws').toBe(true);
    expect(random.draws, 'draws').toBe(3);
  });

  it('forgets history older than the window', () => {
    const throttle = withHistory(100, 0);
    expect(throttle.rejectProbability(119_999), 'within the window').toBeCloseTo(0.99, 3);
    expect(throttle.rejectProbability(120_100), 'after the window').toBe(0);
  });
});
