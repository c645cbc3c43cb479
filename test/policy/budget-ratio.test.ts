import { describe, expect, it } from 'vitest';
import { createBudget, type RetryBudget } from '../../src/core/policy/budget.js';

function spend(budget: RetryBudget, now: number): number {
  let sent = 0;
  while (budget.canRetry(now)) {
    budget.recordAttempt(now, true);
    sent++;
  }
  return sent;
}

describe('ratio retry budget', () => {
  it('allows retries up to ratio × first attempts', () => {
    const budget = createBudget({ kind: 'ratio', ratio: 0.1, windowMs: 10_000, minPerSec: 0 });
    expect(budget.kind, 'kind').toBe('ratio');
    expect(budget.canRetry(0), 'no traffic, no floor').toBe(false);
    for (let i = 0; i < 100; i++) budget.recordAttempt(i, false);
    expect(spend(budget, 100), '10% of 100').toBe(10);
  });

  it('the per-second floor lets an idle client retry', () => {
    const budget = createBudget({ kind: 'ratio', ratio: 0.2, windowMs: 10_000, minPerSec: 1 });
    expect(spend(budget, 0), '1/s over 10 s').toBe(10);
  });

  it('forgets attempts once the window has passed', () => {
    const budget = createBudget({ kind: 'ratio', ratio: 0.5, windowMs: 10_000, minPerSec: 0 });
    for (let i = 0; i < 10; i++) budget.recordAttempt(0, false);
    expect(spend(budget, 0), 'half of 10').toBe(5);
    expect(budget.canRetry(9_999), 'still spent within the window').toBe(false);
    expect(budget.canRetry(10_000), 'first attempts expired too').toBe(false);
    for (let i = 0; i < 4; i++) budget.recordAttempt(10_000, false);
    expect(spend(budget, 10_000), 'a fresh window: half of 4').toBe(2);
  });

  it('ignores outcomes', () => {
    const budget = createBudget({ kind: 'ratio', ratio: 1, windowMs: 1_000, minPerSec: 0 });
    budget.recordAttempt(0, false);
    for (let i = 0; i < 10; i++) budget.recordOutcome(0, false);
    expect(spend(budget, 0), 'one per first attempt').toBe(1);
  });
});
