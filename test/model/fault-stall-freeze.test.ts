/**
 * DESIGN §2, fault `stall`: the stage makes no progress. In-service work freezes and resumes with the time
 * it had left; nothing starts during the window (even on a free slot), so arrivals queue; queue timeouts
 * keep running, so callers still get their rejection on time.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/sim/run.js';
import { Bench, constantSource, NONE, stage, t, tinyScenario } from './harness.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });

describe('stall fault', () => {
  it('freezes work in service, starts nothing during the window, and still times out the queue', () => {
    // Two slots, 100 ms service, queue timeout 80 ms (504); stalled during [50, 250).
    const s = stage(2, fixed(100), { queue: { limit: NONE, timeoutMs: 80, status: 504 } });
    const bench = new Bench({ stages: { s }, faults: [{ kind: 'stall', stage: 's', atMs: 50, forMs: 200 }] });
    bench.send(0, 'a').send(120, 'times-out').send(210, 'b').send(240, 'c');
    const during = bench.probe(150, () => ({
      stalled: bench.stage('s').stalled,
      inflight: bench.stage('s').inflightNow,
      queued: bench.stage('s').queuedNow,
    }));
    expect(bench.run(), 'replies').toEqual([
      [200, 'times-out', 504], // queued at 120 on a free slot, rejected at 120 + 80 while the stall lasts
      [300, 'a', 200], // 50 ms done before the stall, the other 50 after it: 250 + 50
      [350, 'b', 200], // queued at 210 on a free slot, starts when the stall ends: 250 + 100
      [400, 'c', 200], // queued at 240; at 250 both slots are taken (a, b) until a leaves at 300
    ]);
    expect(during, 'at 150').toEqual([{ stalled: true, inflight: 1, queued: 1 }]);
    const stats = bench.stage('s').stats;
    expect(stats.rejected, 'rejected').toBe(1);
    expect(stats.served, 'served').toBe(3);
    expect(stats.queueMax, 'queue max').toBe(2);
    expect(t(stats.wait.mean()), 'mean wait of started calls').toBe(t((0 + 40 + 60) / 3));
  });

  it('each frozen call keeps its own remaining time', () => {
    const bench = new Bench({
      stages: { s: stage(3, fixed(100)) },
      faults: [{ kind: 'stall', stage: 's', atMs: 50, forMs: 100 }],
    });
    bench.send(0, 'a').send(30, 'b').send(40, 'c');
    expect(bench.run(), 'replies').toEqual([
      [200, 'a', 200], // 50 left at the stall: 150 + 50
      [230, 'b', 200], // 80 left: 150 + 80
      [240, 'c', 200], // 90 left: 150 + 90
    ]);
  });

  it('freezes processor-sharing work too', () => {
    // One core shared by two 100 ms jobs: each runs at half speed. At 50 each has 25 done; frozen for
    // 100 ms; then 75 left each at half speed = 150 ms more.
    const bench = new Bench({
      stages: { s: stage(10, fixed(100), { sharing: { kind: 'processorSharing', cores: 1 } }) },
      faults: [{ kind: 'stall', stage: 's', atMs: 50, forMs: 100 }],
    });
    bench.send(0, 'a').send(0, 'b');
    expect(bench.run(), 'replies').toEqual([
      [300, 'a', 200],
      [300, 'b', 200],
    ]);
  });

  it('a slot freed by a cancel during the stall is not used until the stall ends', () => {
    const bench = new Bench({
      stages: { s: stage(1, fixed(100), { cancelOnClientAbort: true }) },
      faults: [{ kind: 'stall', stage: 's', atMs: 50, forMs: 100 }],
    });
    bench.send(0, 'a').send(60, 'b').abort(80, 'a');
    const at100 = bench.probe(100, () => [bench.stage('s').inflightNow, bench.stage('s').queuedNow]);
    expect(bench.run(), 'replies').toEqual([[250, 'b', 200]]); // b starts at 150, not at 80
    expect(at100, 'at 100: [inflight, queued]').toEqual([[0, 1]]);
  });

  it('a stalled database makes the api answer 504 after its downstream timeout (the incident)', () => {
    // api: 10 ms, waits 100 ms for db; db: 50 ms, stalled during [20, 520), keeps working after abort.
    const bench = new Bench({
      stages: { api: stage(1, fixed(10), { downstreamTimeoutMs: 100 }), db: stage(1, fixed(50)) },
      faults: [{ kind: 'stall', stage: 'db', atMs: 20, forMs: 500 }],
    });
    bench.send(0, 'a');
    expect(bench.run(), 'replies').toEqual([[110, 'a', 504]]);
    // db did 10 ms before the stall, the other 40 after it: done at 560, 450 ms after the api gave up.
    const db = bench.stage('db').stats;
    expect(db.abandoned, 'db abandoned').toBe(1);
    expect(db.wastedMs, 'db wasted ms').toBe(560 - 110);
  });

  it('shows in the simulated latency and queue', () => {
    // Ten arrivals at 0, 100, ..., 900; 10 slots, 50 ms; stalled during [120, 420).
    // 0: 50. 100: 20 ms done, 30 left at 420 → 350. 200, 300, 400 queue, start at 420 → 270, 170, 70.
    // 500 ... 900: 50 each.
    const run = simulate(
      tinyScenario({
        stages: { s: stage(10, fixed(50)) },
        traffic: { load: constantSource(10, 10) },
        durationMs: 2000,
        faults: [{ kind: 'stall', stage: 's', atMs: 120, forMs: 300 }],
      }),
      'default',
      1,
    );
    const m = run.metrics;
    expect(m['traffic.load.ok'], 'ok').toBe(10);
    expect(m['traffic.load.latency.mean'], 'mean latency').toBe((50 + 350 + 270 + 170 + 70 + 5 * 50) / 10);
    expect(m['stage.s.queue.max'], 'queue max').toBe(3);
    expect(m['stage.s.wait.mean'], 'mean wait').toBe((220 + 120 + 20) / 10);
  });
});
