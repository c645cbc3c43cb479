import { describe, expect, it } from 'vitest';
import { createBudget, TokenBucketBudget } from '../../src/core/policy/budget.js';

describe('gRPC retry throttling token bucket', () => {
  it('follows the gRFC A6 arithmetic for maxTokens 4, tokenRatio 1.6', () => {
    const budget = createBudget({ kind: 'token-bucket', maxTokens: 4, tokenRatio: 1.6 });
    expect(budget, 'class').toBeInstanceOf(TokenBucketBudget);
    const bucket = budget as TokenBucketBudget;
    expect(bucket.kind, 'kind').toBe('token-bucket');
    expect(bucket.tokens, 'start').toBe(4);

    bucket.recordOutcome(0, false);
    expect(bucket.tokens, 'after failure').toBe(3);
    expect(bucket.canRetry(0), 'retry at 3 > 2').toBe(true);

    bucket.recordOutcome(0, true);
    expect(bucket.tokens, 'after success, capped').toBe(4);

    bucket.recordOutcome(0, false);
    expect(bucket.tokens, 'after failure').toBe(3);
    bucket.recordOutcome(0, false);
    expect(bucket.tokens, 'after second failure').toBe(2);
    expect(bucket.canRetry(0), 'no retry at 2 ≤ 2').toBe(false);
  });

  it('never goes below zero, and fractional ratios do not drift', () => {
    const bucket = new TokenBucketBudget(10, 0.1);
    for (let i = 0; i < 15; i++) bucket.recordOutcome(i, false);
    expect(bucket.tokens, 'floored').toBe(0);
    for (let i = 0; i < 50; i++) bucket.recordOutcome(i, true);
    expect(bucket.tokens, 'fifty successes of 0.1').toBe(5);
    expect(bucket.canRetry(0), 'at exactly half').toBe(false);
    bucket.recordOutcome(0, true);
    expect(bucket.tokens, 'one more').toBe(5.1);
    expect(bucket.canRetry(0), 'above half').toBe(true);
  });

  it('ignores attempts: only outcomes move tokens', () => {
    const bucket = new TokenBucketBudget(4, 1);
    for (let i = 0; i < 10; i++) bucket.recordAttempt(i, i > 0);
    expect(bucket.tokens, 'untouched').toBe(4);
  });
});
