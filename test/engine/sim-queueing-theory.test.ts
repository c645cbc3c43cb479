/**
 * The simulator against queueing theory. Long virtual runs; tolerances as stated in DESIGN §7.
 * Expected values are computed here from the textbook formulas, not copied from the program.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/sim/run.js';
import { singleStage } from '../support/scenario.js';

/** Erlang C: probability of waiting and mean wait in an M/M/c queue (Kleinrock, Queueing Systems I, §3.5). */
function erlangC(c: number, lambdaPerSec: number, meanServiceMs: number): { pWait: number; wqMs: number } {
  const mu = 1000 / meanServiceMs;
  const a = lambdaPerSec / mu;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const top = ((term * a) / c) * (c / (c - a));
  const pWait = top / (sum + top);
  return { pWait, wqMs: (pWait / (c * mu - lambdaPerSec)) * 1000 };
}

const HOUR = 3_600_000;

describe('M/M/c against Erlang C', () => {
  it('the formula gives the textbook numbers', () => {
    const { pWait, wqMs } = erlangC(10, 150, 50);
    expect(pWait, 'P_W').toBeCloseTo(0.3066, 3);
    expect(wqMs, 'Wq').toBeCloseTo(6.13, 2);
    expect(erlangC(10, 190, 50).wqMs, 'Wq at 190/s').toBeCloseTo(82.6, 1);
  });

  for (const [rate, hours] of [
    [150, 2],
    [190, 10],
  ] as const) {
    it(`10 slots, exponential 50 ms, Poisson ${rate}/s: mean queue wait within 3%`, () => {
      const run = simulate(
        singleStage({ concurrency: 10, service: { dist: 'exponential', mean: 50 }, ratePerSec: rate, durationMs: hours * HOUR }),
        'default',
        7,
      );
      const expected = erlangC(10, rate, 50).wqMs;
      const wait = run.metrics['stage.s.wait.mean'] as number;
      expect(Math.abs(wait - expected) / expected, `wait ${wait} vs ${expected}`).toBeLessThan(0.03);
    });
  }
});

describe('M/D/1 against Pollaczek–Khinchine', () => {
  it('one slot, fixed 50 ms, ρ = 0.9: mean response within 3% of 275 ms', () => {
    const run = simulate(
      singleStage({ concurrency: 1, service: { dist: 'fixed', value: 50 }, ratePerSec: 18, durationMs: 6 * HOUR }),
      'default',
      3,
    );
    // W = S + ρS / (2(1 − ρ)) for deterministic service.
    const rho = 18 * 0.05;
    const expected = 50 + (rho * 50) / (2 * (1 - rho));
    expect(expected).toBeCloseTo(275, 6);
    const response = run.metrics['traffic.load.latency.mean'] as number;
    expect(Math.abs(response - expected) / expected, `response ${response}`).toBeLessThan(0.03);
  });
});

describe("Little's law on the simulated stage", () => {
  it('L = λW for the queue and for the slots', () => {
    const durationMs = HOUR;
    const run = simulate(
      singleStage({ concurrency: 4, service: { dist: 'lognormal', mu: Math.log(40), sigma: 0.8 }, ratePerSec: 70, durationMs }),
      'default',
      11,
    );
    const m = run.metrics;
    const lambdaPerMs = (m['stage.s.arrivals'] as number) / durationMs;
    const lq = m['stage.s.queue.mean'] as number;
    const wq = m['stage.s.wait.mean'] as number;
    expect(Math.abs(lq - lambdaPerMs * wq) / lq, `Lq ${lq} vs λWq ${lambdaPerMs * wq}`).toBeLessThan(0.01);
    // Busy slots = λ × mean service time (the offered load), here ρ·c with E[S] = 40·e^(0.32).
    const meanService = 40 * Math.exp(0.8 ** 2 / 2);
    const busy = m['stage.s.inflight.mean'] as number;
    expect(Math.abs(busy - 70 * (meanService / 1000)) / busy, `L ${busy}`).toBeLessThan(0.02);
  });
});
