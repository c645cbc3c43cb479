import { describe, expect, it } from 'vitest';
import { urllib3SleepMs } from '../../src/core/policy/retry-sleep.js';

describe('urllib3 Retry sleeps', () => {
  it('sleeps 0, 2f, 4f, 8f before retries 1..4', () => {
    const f = 500;
    expect(
      [1, 2, 3, 4].map((n) => urllib3SleepMs(n, f)),
      'factor 500 ms',
    ).toEqual([0, 1000, 2000, 4000]);
  });

  it('a zero factor retries at once', () => {
    expect(
      [1, 2, 3].map((n) => urllib3SleepMs(n, 0)),
      'no factor',
    ).toEqual([0, 0, 0]);
  });

  it("caps at urllib3's default backoff_max of 120 s unless told otherwise", () => {
    expect(urllib3SleepMs(10, 1000), 'default cap').toBe(120_000);
    expect(urllib3SleepMs(10, 1000, Number.POSITIVE_INFINITY), 'no cap').toBe(512_000);
  });
});
