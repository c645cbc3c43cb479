import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseRate } from '../../src/core/units.js';

describe('durations', () => {
  it.each([
    ['250ms', 250],
    ['5s', 5000],
    ['3m', 180_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['2min', 120_000],
    ['0', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '5 seconds', 's', '-5s', '5x', '1m 30s'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('formats the way a person writes them', () => {
    expect([250, 5000, 90_000, 3_600_000, 3_690_000].map(formatDuration)).toEqual(['250ms', '5s', '1m30s', '1h', '1h1m30s']);
  });
});

describe('rates', () => {
  it.each([
    ['20/s', 20],
    ['2/min', 2 / 60],
    ['120/m', 2],
    ['36/h', 0.01],
    ['1.5/sec', 1.5],
  ])('%s is %d per second', (text, perSec) => {
    expect(parseRate(text)).toBeCloseTo(perSec, 12);
  });

  it.each(['20', '20/day', '/s', 'x/s'])('%j is not a rate', (text) => {
    expect(parseRate(text)).toBeUndefined();
  });
});
