/**
 * DESIGN §2, stage `queue.timeout`: a request waits at most that long for a slot, then is rejected with
 * `queue.status` (PostgREST's db-pool-acquisition-timeout answers 504). A request that gets a slot in time
 * is served normally and its timer no longer matters.
 */
import { describe, expect, it } from 'vitest';
import { Bench, NONE, stage, t } from './harness.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });
const timeout = (timeoutMs: number) => ({ queue: { limit: NONE, timeoutMs, status: 504 } });

describe('queue timeout', () => {
  it('rejects a request that waited `timeout` for a slot; one that got a slot in time is served', () => {
    // One slot, 100 ms, wait at most 50 ms.
    const bench = new Bench({ stages: { s: stage(1, fixed(100), timeout(50)) } });
    bench.send(0, 'a').send(10, 'b').send(70, 'c').send(80, 'd').send(140, 'e').send(160, 'f');
    expect(bench.run(), 'replies').toEqual([
      [60, 'b', 504], // 10 + 50
      [100, 'a', 200],
      [130, 'd', 504], // 80 + 50: c took the slot at 100
      [190, 'e', 504], // 140 + 50: c still in service
      [200, 'c', 200], // waited 30, then 100 ms; its timer at 120 was disarmed
      [300, 'f', 200], // waited 40 (e gave up before c finished)
    ]);
    const stats = bench.stage('s').stats;
    expect(stats.rejected, 'rejected').toBe(3);
    expect(stats.served, 'served').toBe(3);
    expect(stats.wait.count, 'waits recorded (served only)').toBe(3);
    expect(t(stats.wait.mean()), 'mean wait').toBe(t((0 + 30 + 40) / 3));
  });

  it('an inner stage queue timeout reaches the client as 504 through the upstream stage', () => {
    // api 10 ms; db one slot, 100 ms, wait at most 30 ms.
    const bench = new Bench({ stages: { api: stage(10, fixed(10)), db: stage(1, fixed(100), timeout(30)) } });
    bench.send(0, 'a').send(5, 'b');
    expect(bench.run(), 'replies').toEqual([
      [45, 'b', 504], // api 5..15, db queue 15..45
      [110, 'a', 200],
    ]);
    expect(bench.stage('db').stats.rejected, 'db rejected').toBe(1);
  });
});
