import { describe, expect, it } from 'vitest';
import { createBreaker } from '../../src/core/policy/breaker.js';

describe('sampling breaker', () => {
  it('does not open below minimumRps × window calls', () => {
    // 1 rps over 10 s: at least 10 calls before the failure rate counts.
    const breaker = createBreaker({
      kind: 'sampling',
      threshold: 0.5,
      windowMs: 10_000,
      minimumRps: 1,
      halfOpenAfterMs: 1_000,
      scope: 'fleet',
    });
    for (let t = 0; t < 9; t++) breaker.failure(t * 100);
    expect(breaker.state(900), '9 failures of 9 calls').toBe('closed');
    breaker.failure(900);
    expect(breaker.state(900), '10 failures of 10 calls').toBe('open');
  });

  it('opens when the failure ratio reaches the threshold', () => {
    const breaker = createBreaker({
      kind: 'sampling',
      threshold: 0.5,
      windowMs: 10_000,
      minimumRps: 1,
      halfOpenAfterMs: 1_000,
      scope: 'fleet',
    });
    for (let t = 0; t < 6; t++) breaker.success(t);
    for (let t = 6; t < 11; t++) breaker.failure(t);
    expect(breaker.state(11), '5 of 11 failed').toBe('closed');
    breaker.failure(12);
    expect(breaker.state(12), '6 of 12 failed').toBe('open');
  });

  it('forgets failures older than the window', () => {
    const breaker = createBreaker({
      kind: 'sampling',
      threshold: 0.5,
      windowMs: 10_000,
      minimumRps: 1,
      halfOpenAfterMs: 1_000,
      scope: 'fleet',
    });
    for (let i = 0; i < 9; i++) breaker.failure(0);
    breaker.failure(20_000);
    expect(breaker.state(20_000), 'old failures expired').toBe('closed');
    for (let i = 0; i < 8; i++) breaker.failure(20_000);
    breaker.failure(29_999);
    expect(breaker.state(29_999), 'ten within one window').toBe('open');
  });

  it('half-opens with one probe; closing forgets the failures that opened it', () => {
    const breaker = createBreaker({
      kind: 'sampling',
      threshold: 0.6,
      windowMs: 3_000,
      minimumRps: 1,
      halfOpenAfterMs: 1_000,
      scope: 'worker',
    });
    breaker.failure(0);
    breaker.failure(0);
    breaker.failure(0);
    expect(breaker.state(0), '3 of 3 failed').toBe('open');
    expect(breaker.allow(1_000), 'the probe').toBe(true);
    expect(breaker.allow(1_000), 'one probe only').toBe(false);
    breaker.success(1_050);
    expect(breaker.state(1_050), 'probe succeeded').toBe('closed');
    // The window now holds only the probe's success (as in cockatiel), not the three failures.
    breaker.success(1_100);
    breaker.failure(1_100);
    expect(breaker.state(1_100), '1 of 3 failed').toBe('closed');
    breaker.failure(1_200);
    expect(breaker.state(1_200), '2 of 4 failed').toBe('closed');
    breaker.failure(1_300);
    expect(breaker.state(1_300), '3 of 5 failed').toBe('open');
  });
});
