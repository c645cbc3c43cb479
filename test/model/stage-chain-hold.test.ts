/**
 * DESIGN §2: a request holds its slot in stage i while it waits for stage i+1 (a uvicorn thread blocks while
 * PostgREST works). So the upstream stage's in-flight time includes the time spent waiting downstream, and
 * its queue grows while the downstream stage is slow.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/sim/run.js';
import { Bench, constantSource, stage, t, tinyScenario } from './harness.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });

describe('two-stage chain', () => {
  it('holds the upstream slot while the downstream stage works', () => {
    // api: one slot, 10 ms; db: five slots, 100 ms. db has room, api does not.
    const bench = new Bench({ stages: { api: stage(1, fixed(10)), db: stage(5, fixed(100)) } });
    bench.send(0, 'a').send(5, 'b');
    const api = () => bench.stage('api');
    const db = () => bench.stage('db');
    const at50 = bench.probe(50, () => [api().inflightNow, api().queuedNow, db().inflightNow]);
    expect(bench.run(), 'replies').toEqual([
      [110, 'a', 200], // api 0..10, db 10..110
      [220, 'b', 200], // waits for a's api slot until 110: api 110..120, db 120..220
    ]);
    expect(at50, 'at 50: [api inflight, api queued, db inflight]').toEqual([[1, 1, 1]]);
    expect(t(api().stats.wait.mean()), 'api mean wait').toBe(t((0 + 105) / 2));
    expect(db().stats.wait.mean(), 'db mean wait').toBe(0);
    // Slot-milliseconds: api held its one slot the whole time (0..110, 110..220), db only for service.
    expect(t(api().stats.meanInflight(220) * 220), 'api slot-ms').toBe(220);
    expect(t(db().stats.meanInflight(220) * 220), 'db slot-ms').toBe(200);
  });

  it('upstream utilization counts the downstream wait in a simulated run', () => {
    // One request at 0 in a 1 s run: api holds its slot 110 ms (10 own + 100 waiting), db 100 ms.
    const run = simulate(
      tinyScenario({
        stages: { api: stage(1, fixed(10)), db: stage(2, fixed(100)) },
        traffic: { load: constantSource(10, 1) },
        durationMs: 1000,
      }),
      'default',
      1,
    );
    const m = run.metrics;
    expect(m['traffic.load.latency.mean'], 'latency').toBe(110);
    expect(m['stage.api.inflight.mean'], 'api inflight mean').toBe(0.11);
    expect(m['stage.api.utilization'], 'api utilization').toBe(0.11);
    expect(m['stage.db.inflight.mean'], 'db inflight mean').toBe(0.1);
    expect(m['stage.db.utilization'], 'db utilization (2 slots)').toBe(0.05);
  });
});
