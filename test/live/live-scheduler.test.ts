/**
 * The real-time scheduler keeps the simulator's order — by time, then by the order set — on the wall
 * clock scaled by `timeScale`; inside a callback time stands at the timer's instant; it never fires past
 * its horizon; closed, it leaves no Node timer behind.
 */
import { expect, it } from 'vitest';
import { RealtimeScheduler } from '../../src/engine/live/scheduler.js';

function run(sched: RealtimeScheduler, untilMs: number): Promise<void> {
  return new Promise((resolve) => {
    sched.at(untilMs, () => resolve());
    sched.start();
    sched.hold();
  });
}

it('fires by time, then in the order set, each at its own instant', async () => {
  const sched = new RealtimeScheduler({ timeScale: 0.01 });
  const log: Array<[number, string]> = [];
  sched.at(300, (now) => log.push([now, 'b']));
  sched.at(100, (now) => {
    log.push([now, 'a']);
    sched.at(300, (t) => log.push([t, 'c (set later, same instant)']));
    sched.at(now + 50, (t) => log.push([t, 'a+50']));
  });
  const cancelled = sched.at(200, (now) => log.push([now, 'cancelled']));
  sched.cancel(cancelled);
  await run(sched, 400);
  sched.close();
  expect(log).toEqual([
    [100, 'a'],
    [150, 'a+50'],
    [300, 'b'],
    [300, 'c (set later, same instant)'],
  ]);
});

it('scenario time runs 1/timeScale times as fast as the wall clock', async () => {
  const sched = new RealtimeScheduler({ timeScale: 0.05 });
  const started = performance.now();
  await run(sched, 2000); // 100 ms of wall time
  const wallMs = performance.now() - started;
  sched.close();
  expect(wallMs).toBeGreaterThanOrEqual(99);
  expect(wallMs).toBeLessThan(200);
  expect(sched.now(), 'a closed clock stops').toBeGreaterThanOrEqual(2000);
});

it('timers past the horizon never fire; timers set before start wait for it; close clears the rest', async () => {
  const sched = new RealtimeScheduler({ timeScale: 0.01, horizonMs: 500 });
  const fired: string[] = [];
  sched.at(0, () => fired.push('at 0, fired by start()'));
  sched.at(600, () => fired.push('past the horizon'));
  expect(fired).toEqual([]);
  await run(sched, 500);
  expect(fired).toEqual(['at 0, fired by start()']);
  sched.at(450, () => fired.push('late but pending'));
  sched.close();
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(fired).toEqual(['at 0, fired by start()']);
  expect(sched.size).toBe(0);
});

it('rejects a time scale that is not a positive number', () => {
  for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
    expect(() => new RealtimeScheduler({ timeScale: bad }), String(bad)).toThrow(/time scale/);
});
