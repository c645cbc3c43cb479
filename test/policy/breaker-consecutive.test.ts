import { describe, expect, it } from 'vitest';
import { createBreaker } from '../../src/core/policy/breaker.js';

const consecutive = () =>
  createBreaker({ kind: 'consecutive', failures: 3, halfOpenAfterMs: 1_000, scope: 'worker' });

describe('consecutive breaker', () => {
  it('opens after N failures in a row; a success restarts the count', () => {
    const breaker = consecutive();
    breaker.failure(0);
    breaker.failure(1);
    breaker.success(2);
    breaker.failure(3);
    breaker.failure(4);
    expect(breaker.state(5), 'two in a row').toBe('closed');
    expect(breaker.allow(5), 'closed allows').toBe(true);
    breaker.failure(10);
    expect(breaker.state(10), 'three in a row').toBe('open');
    expect(breaker.allow(500), 'open refuses').toBe(false);
    expect(breaker.state(1_009), 'just before halfOpenAfter').toBe('open');
  });

  it('half-open lets exactly one probe through; its success closes', () => {
    const breaker = consecutive();
    for (let t = 0; t < 3; t++) breaker.failure(t);
    expect(breaker.state(1_002), 'after halfOpenAfter').toBe('halfOpen');
    expect(breaker.allow(1_002), 'the probe').toBe(true);
    expect(breaker.allow(1_003), 'a second call while the probe is out').toBe(false);
    expect(breaker.state(5_000), 'still half-open while the probe is out').toBe('halfOpen');
    expect(breaker.allow(5_000), 'still one probe only').toBe(false);
    breaker.success(5_001);
    expect(breaker.state(5_001), 'probe succeeded').toBe('closed');
    breaker.failure(5_002);
    breaker.failure(5_003);
    expect(breaker.state(5_003), 'counters were reset').toBe('closed');
  });

  it('a failed probe opens it for another halfOpenAfter', () => {
    const breaker = consecutive();
    for (let t = 0; t < 3; t++) breaker.failure(t);
    expect(breaker.allow(1_500), 'the probe').toBe(true);
    breaker.failure(1_600);
    expect(breaker.state(1_600), 'reopened').toBe('open');
    expect(breaker.allow(2_599), 'open until 2600').toBe(false);
    expect(breaker.state(2_600), 'half-open again').toBe('halfOpen');
    expect(breaker.allow(2_600), 'a new probe').toBe(true);
  });

  it('ignores outcomes that are not the probe while open', () => {
    const breaker = consecutive();
    for (let t = 0; t < 3; t++) breaker.failure(t);
    breaker.success(500);
    expect(breaker.state(500), 'late success of an earlier call').toBe('open');
    breaker.failure(900);
    expect(breaker.state(1_002), 'late failure did not extend the open time').toBe('halfOpen');
    breaker.success(1_003);
    expect(breaker.state(1_003), 'no probe out: still half-open').toBe('halfOpen');
  });
});
