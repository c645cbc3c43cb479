import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { celeryCountdownMs } from '../../src/core/policy/retry-sleep.js';
import { ScriptedRandom } from './scripted-random.js';

describe('Celery get_exponential_backoff_interval', () => {
  it('without jitter: 1, 2, 4, 8 ... seconds, capped at the maximum, no draws', () => {
    const random = new ScriptedRandom([]);
    const countdowns = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((r) =>
      celeryCountdownMs(r, 1000, 600_000, false, random),
    );
    expect(countdowns, 'countdowns').toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 512000, 600000,
    ]);
    expect(random.draws, 'draws').toBe(0);
  });

  it('with jitter: randrange(countdown + 1) whole seconds, one draw', () => {
    const random = new ScriptedRandom([0, 0.999, 0.5]);
    expect(celeryCountdownMs(2, 1000, 600_000, true, random), 'u = 0').toBe(0);
    expect(celeryCountdownMs(2, 1000, 600_000, true, random), 'u = 0.999 of 5 values').toBe(4000);
    expect(celeryCountdownMs(2, 1000, 600_000, true, random), 'u = 0.5 of 5 values').toBe(2000);
    expect(random.draws, 'draws').toBe(3);
  });

  it('with jitter: always integer seconds within [0, countdown]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retries, factorMs, maxMs, u) => {
          const countdownMs = celeryCountdownMs(retries, factorMs, maxMs, false, new ScriptedRandom([]));
          const jittered = celeryCountdownMs(retries, factorMs, maxMs, true, new ScriptedRandom([u]));
          expect(Number.isInteger(jittered / 1000), 'whole seconds').toBe(true);
          expect(jittered, 'at least 0').toBeGreaterThanOrEqual(0);
          expect(jittered, 'at most the countdown').toBeLessThanOrEqual(countdownMs);
        },
      ),
    );
  });
});
