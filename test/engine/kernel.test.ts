import { describe, expect, it } from 'vitest';
import { FifoTimers, SimKernel } from '../../src/engine/sim/kernel.js';

describe('SimKernel', () => {
  it('fires timers in time order, same-instant timers in the order they were set', () => {
    const k = new SimKernel();
    const log: Array<[number, string]> = [];
    k.at(12, (t) => log.push([t, 'done']));
    k.at(0, (t) => log.push([t, 'arrive']));
    k.at(12, (t) => log.push([t, 'second at 12']));
    k.at(5, (t) => {
      log.push([t, 'at 5']);
      k.at(5, (u) => log.push([u, 'scheduled at 5 from 5']));
    });
    k.run(100);
    expect(log).toEqual([
      [0, 'arrive'],
      [5, 'at 5'],
      [5, 'scheduled at 5 from 5'],
      [12, 'done'],
      [12, 'second at 12'],
    ]);
    expect(k.now(), 'clock left at until').toBe(100);
  });

  it('skips cancelled timers and stops at `until`', () => {
    const k = new SimKernel();
    const log: number[] = [];
    const t1 = k.at(10, () => log.push(10));
    k.at(20, () => log.push(20));
    k.at(200, () => log.push(200));
    k.cancel(t1);
    k.run(100);
    expect(log).toEqual([20]);
    expect(k.peek(), 'the timer past until is still pending').toBe(200);
  });

  it('never schedules into the past', () => {
    const k = new SimKernel();
    const log: number[] = [];
    k.at(50, () => k.at(10, (t) => log.push(t)));
    k.run(100);
    expect(log).toEqual([50]);
  });
});

describe('FifoTimers', () => {
  it('fires in deadline order, skipping cancelled ones', () => {
    const k = new SimKernel();
    const fifo = new FifoTimers(k);
    const log: number[] = [];
    const timers = [10, 20, 30, 40].map((at) => fifo.at(at, (t) => log.push(t)));
    k.cancel(timers[1] as (typeof timers)[number]);
    k.run(100);
    expect(log).toEqual([10, 30, 40]);
  });

  it('a timer set while firing is armed once, not once per nesting (regression: duplicate heads)', () => {
    const k = new SimKernel();
    const fifo = new FifoTimers(k);
    let fired = 0;
    const chain = (now: number): void => {
      fired++;
      if (fired < 1000) fifo.at(now + 3000, chain);
    };
    for (let i = 0; i < 10; i++) fifo.at(i, chain);
    k.run(10_000_000);
    expect(fired, 'each chain stops once 1000 fires are counted').toBe(1009);
    // One kernel event per fire at most: duplicate heads would multiply without bound.
    expect(k.fired).toBeLessThanOrEqual(fired);
  });

  it('falls back to the heap for a deadline earlier than the last one', () => {
    const k = new SimKernel();
    const fifo = new FifoTimers(k);
    const log: number[] = [];
    fifo.at(50, (t) => log.push(t));
    fifo.at(20, (t) => log.push(t));
    k.run(100);
    expect(log).toEqual([20, 50]);
  });
});
