/**
 * DESIGN §2, fault `down`: connections are refused (a backend restarting). On the first stage the client
 * sees a refused connection at once; on an inner stage the upstream stage sees the refusal and answers
 * 502 Bad Gateway (after its own service, which it had already done).
 */
import { describe, expect, it } from 'vitest';
import { BAD_GATEWAY } from '../../src/core/model/backend.js';
import { simulate } from '../../src/engine/sim/run.js';
import { Bench, constantSource, stage, tinyScenario } from './harness.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });

describe('down fault', () => {
  it('refuses connections at once on the first stage during the window', () => {
    const bench = new Bench({
      stages: { s: stage(1, fixed(100)) },
      faults: [{ kind: 'down', stage: 's', atMs: 100, forMs: 100 }],
    });
    bench.send(50, 'before').send(120, 'down1').send(190, 'down2').send(210, 'after');
    expect(bench.run(), 'replies').toEqual([
      [120, 'down1', 'refused'], // the one slot is busy, but a refusal never queues
      [150, 'before', 200],
      [190, 'down2', 'refused'],
      [310, 'after', 200],
    ]);
    const stats = bench.stage('s').stats;
    expect(stats.refused, 'refused').toBe(2);
    expect(stats.served, 'served').toBe(2);
  });

  it('on an inner stage the upstream answers 502', () => {
    // api 10 ms, db 50 ms; db down during [100, 200).
    const bench = new Bench({
      stages: { api: stage(10, fixed(10)), db: stage(10, fixed(50)) },
      faults: [{ kind: 'down', stage: 'db', atMs: 100, forMs: 100 }],
    });
    bench.send(40, 'before').send(120, 'during').send(195, 'reaches-db-after');
    expect(bench.run(), 'replies').toEqual([
      [100, 'before', 200], // api 40..50, db 50..100
      [130, 'during', BAD_GATEWAY], // api 120..130, db refuses at 130
      [255, 'reaches-db-after', 200], // api 195..205, db is back: 205..255
    ]);
    expect(BAD_GATEWAY, '502').toBe(502);
    expect(bench.stage('db').stats.refused, 'db refused').toBe(1);
    expect(bench.stage('api').stats.refused, 'api refused').toBe(0);
    expect(bench.stage('api').stats.served, 'api answered (502 included)').toBe(3);
  });

  it('a refused connection is a client error in a simulated run', () => {
    // Ten arrivals at 0, 100, ..., 900; down during [250, 550) refuses 300, 400, 500.
    const run = simulate(
      tinyScenario({
        stages: { s: stage(10, fixed(50)) },
        traffic: { load: constantSource(10, 10) },
        durationMs: 2000,
        faults: [{ kind: 'down', stage: 's', atMs: 250, forMs: 300 }],
      }),
      'default',
      1,
    );
    const m = run.metrics;
    expect(m['traffic.load.attempts'], 'attempts').toBe(10);
    expect(m['traffic.load.errors'], 'errors').toBe(3);
    expect(m['traffic.load.ok'], 'ok').toBe(7);
    expect(m['stage.s.refused'], 'refused').toBe(3);
    expect(m['stage.s.served'], 'served').toBe(7);
  });
});
