/**
 * DESIGN §2, stage `cache {ttl}`: responses per job id (request key) are served from the stage's cache,
 * skipping the later stages, while fresh. An entry is written when a successful answer comes back from
 * downstream and is fresh for `ttl` after that; the cache stage still does its own service.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/sim/run.js';
import { Bench, constantSource, stage, tinyScenario } from './harness.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });

describe('stage cache', () => {
  it('a fresh cached key skips the later stages; other keys and stale entries do not', () => {
    // api 10 ms with a 1 s cache; db 100 ms.
    const bench = new Bench({
      stages: { api: stage(10, fixed(10), { cache: { ttlMs: 1000 } }), db: stage(10, fixed(100)) },
      faults: [{ kind: 'errors', stage: 'db', atMs: 2005, forMs: 10, status: 500, rate: 1 }],
    });
    bench.send(0, 'a', 7); // miss; stored at 110 until 1110
    bench.send(50, 'b', 7); // api done at 60, a's answer not back yet: miss; stored at 160 until 1160
    bench.send(200, 'hit', 7);
    bench.send(200, 'other-key', 8);
    bench.send(1140, 'still-fresh', 7); // looked up at 1150 < 1160
    bench.send(1160, 'stale', 7); // looked up at 1170 ≥ 1160
    bench.send(2000, 'error', 9); // db answers 500 at 2010: not cached
    bench.send(2100, 'after-error', 9);
    expect(bench.run(), 'replies').toEqual([
      [110, 'a', 200],
      [160, 'b', 200],
      [210, 'hit', 200], // api service only
      [310, 'other-key', 200],
      [1150, 'still-fresh', 200],
      [1270, 'stale', 200],
      [2010, 'error', 500],
      [2210, 'after-error', 200],
    ]);
    expect(bench.stage('db').stats.arrivals, 'db arrivals: a, b, other-key, stale, error, after-error').toBe(
      6,
    );
    expect(bench.stage('api').stats.served, 'api served').toBe(8);
  });

  it('one hot key: only the first request reaches the database in a simulated run', () => {
    // Eight per second (0, 125, ..., 1125), all key 0; the first answer is cached at 110.
    const run = simulate(
      tinyScenario({
        stages: { api: stage(10, fixed(10), { cache: { ttlMs: 10_000 } }), db: stage(10, fixed(100)) },
        traffic: { load: constantSource(8, 10, 1) },
        durationMs: 2000,
      }),
      'default',
      1,
    );
    const m = run.metrics;
    expect(m['stage.db.arrivals'], 'db arrivals').toBe(1);
    expect(m['stage.api.arrivals'], 'api arrivals').toBe(10);
    expect(m['traffic.load.latency.mean'], 'mean latency').toBe((110 + 9 * 10) / 10);
  });
});
