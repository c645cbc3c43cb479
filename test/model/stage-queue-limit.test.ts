/**
 * DESIGN §2, stage `queue.limit`: at most `limit` requests wait for a slot; an arrival beyond that is
 * rejected at once with `queue.status`. Rejections free no slot and never start service.
 */
import { describe, expect, it } from 'vitest';
import { Bench, NONE, stage } from './harness.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });
const limited = (limit: number, status = 503) => ({ queue: { limit, timeoutMs: NONE, status } });

describe('queue limit', () => {
  it('rejects arrivals beyond `limit` waiting requests with queue.status, at once', () => {
    // One slot, 100 ms, at most 2 waiting.
    const bench = new Bench({ stages: { s: stage(1, fixed(100), limited(2)) } });
    bench.send(0, 'a').send(10, 'b').send(20, 'c').send(30, 'full1');
    bench.send(250, 'e').send(260, 'f').send(270, 'full2');
    expect(bench.run(), 'replies').toEqual([
      [30, 'full1', 503], // a in service, b and c waiting
      [100, 'a', 200],
      [200, 'b', 200],
      [270, 'full2', 503], // c in service, e and f waiting
      [300, 'c', 200],
      [400, 'e', 200],
      [500, 'f', 200],
    ]);
    const stats = bench.stage('s').stats;
    expect(stats.rejected, 'rejected').toBe(2);
    expect(stats.served, 'served').toBe(5);
    expect(stats.queueMax, 'queue max').toBe(2);
  });

  it('limit 0 rejects whenever every slot is busy, and admits when one is free', () => {
    const bench = new Bench({ stages: { s: stage(2, fixed(100), limited(0, 429)) } });
    bench.send(0, 'a').send(0, 'b').send(10, 'no-slot').send(150, 'free-slot');
    expect(bench.run(), 'replies').toEqual([
      [10, 'no-slot', 429],
      [100, 'a', 200],
      [100, 'b', 200],
      [250, 'free-slot', 200],
    ]);
    expect(bench.stage('s').stats.queueMax, 'queue max').toBe(0);
  });

  it('an inner stage rejection is relayed by the upstream stage', () => {
    // api 10 ms; db one slot, 100 ms, no queue.
    const bench = new Bench({ stages: { api: stage(10, fixed(10)), db: stage(1, fixed(100), limited(0)) } });
    bench.send(0, 'a').send(5, 'b');
    expect(bench.run(), 'replies').toEqual([
      [15, 'b', 503], // api 5..15, db busy with a and has no queue
      [110, 'a', 200], // api 0..10, db 10..110
    ]);
    expect(bench.stage('db').stats.rejected, 'db rejected').toBe(1);
    expect(bench.stage('api').stats.rejected, 'api rejected').toBe(0);
  });
});
