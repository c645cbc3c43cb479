import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SimKernel } from '../../src/engine/sim/kernel.js';
import { TimerHeap } from '../../src/engine/timer-heap.js';

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

describe('TimerHeap', () => {
  it('cancelled timers do not pile up: the heap is rebuilt once they are more than half of it', () => {
    const heap = new TimerHeap();
    const timers = Array.from({ length: 10_000 }, (_, i) => heap.push(60_000 + i, () => {}));
    for (const t of timers.slice(0, 9990)) heap.cancel(t);
    expect(heap.size, 'pending').toBe(10);
    expect(heap.stored, 'kept in memory, cancelled ones included').toBeLessThanOrEqual(10 + 1025);
    expect(heap.pop()?.atMs).toBe(60_000 + 9990);
  });

  it('whatever is pushed and removed, the rest pops in (time, sequence) order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 200 }),
        (ops) => {
          const heap = new TimerHeap();
          const kept: Array<[number, number]> = [];
          ops.forEach(([at, remove], seq) => {
            const t = heap.push(at, () => {});
            if (remove) heap.cancel(t);
            else kept.push([at, seq]);
          });
          const popped: Array<[number, number]> = [];
          for (let t = heap.pop(); t !== undefined; t = heap.pop()) popped.push([t.atMs, t.seq]);
          kept.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          expect(popped).toEqual(kept);
        },
      ),
    );
  });
});
