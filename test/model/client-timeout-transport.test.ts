/**
 * DESIGN §3 `timeout: {read, total}` in the simulator's transport: bodies arrive with their headers, so
 * both the read timeout and the total deadline bound the wait for the reply, and the shorter one fires.
 * When it fires the backend is told the client left (the stage then cancels or wastes the work).
 */
import { describe, expect, it } from 'vitest';
import type { AttemptResult } from '../../src/core/client/request-machine.js';
import { Backend } from '../../src/core/model/backend.js';
import type { StageRuntime } from '../../src/core/model/stage.js';
import { RandomSource } from '../../src/core/random/prng.js';
import type { Stage, TimeoutPolicy } from '../../src/core/scenario/types.js';
import { SimKernel } from '../../src/engine/sim/kernel.js';
import { simulate } from '../../src/engine/sim/run.js';
import { SimTransport } from '../../src/engine/sim/transport.js';
import { basePolicy } from '../support/scenario.js';
import { constantSource, NONE, stage, tinyScenario } from './harness.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });
const timeout = (readMs: number, totalMs: number): TimeoutPolicy => ({ connectMs: NONE, readMs, totalMs });

/**
 * One stage `s` behind the simulator's transport, down during `downWindows`; every attempt result is
 * logged as [now, label, result].
 */
function transportBench(s: Stage, downWindows: Array<[number, number]> = []) {
  const kernel = new SimKernel();
  const backend = new Backend(
    { endpoints: { e: { method: 'GET', path: '/e', stages: ['s'] } }, stages: { s } },
    kernel,
    new RandomSource(1),
  );
  const runtime = backend.stages.get('s') as StageRuntime;
  for (const [from, to] of downWindows) {
    kernel.at(from, () => runtime.downStart());
    kernel.at(to, () => runtime.downEnd());
  }
  const transport = new SimTransport(backend, kernel);
  const log: Array<[number, string, AttemptResult]> = [];
  const send = (atMs: number, label: string, t: TimeoutPolicy) =>
    kernel.at(atMs, () => transport.send('e', 0, t, (now, r) => log.push([now, label, r])));
  return { kernel, log, send, stats: runtime.stats };
}

describe('client timeouts in the simulator transport', () => {
  it('the shorter of read and total fires, and says which', () => {
    const bench = transportBench(stage(10, fixed(500)));
    bench.send(0, 'read-first', timeout(200, 300));
    bench.send(0, 'total-first', timeout(300, 150));
    bench.send(0, 'read-only', timeout(250, NONE));
    bench.kernel.run(10_000);
    expect(bench.log, 'results').toEqual([
      [150, 'total-first', { kind: 'timeout', which: 'total', latencyMs: 150 }],
      [200, 'read-first', { kind: 'timeout', which: 'read', latencyMs: 200 }],
      [250, 'read-only', { kind: 'timeout', which: 'read', latencyMs: 250 }],
    ]);
  });

  it('a reply in time is delivered once and the timer is disarmed', () => {
    const bench = transportBench(stage(10, fixed(100)));
    bench.send(0, 'a', timeout(200, 300));
    bench.kernel.run(10_000);
    expect(bench.log, 'results').toEqual([[100, 'a', { kind: 'response', status: 200, latencyMs: 100 }]]);
  });

  it('a refused connection fails at once, with no timeout after it', () => {
    const bench = transportBench(stage(10, fixed(100)), [[0, 1000]]);
    bench.send(10, 'a', timeout(200, 300));
    bench.kernel.run(10_000);
    expect(bench.log, 'results').toEqual([[10, 'a', { kind: 'refused', latencyMs: 0 }]]);
  });

  it('the backend is told the client left: a cancelling stage frees the slot at the timeout', () => {
    // One slot, 500 ms; a times out at 200, b (no timeout) waits behind it.
    const bench = transportBench(stage(1, fixed(500), { cancelOnClientAbort: true }));
    bench.send(0, 'a', timeout(200, NONE));
    bench.send(10, 'b', timeout(NONE, NONE));
    bench.kernel.run(10_000);
    expect(bench.log, 'results').toEqual([
      [200, 'a', { kind: 'timeout', which: 'read', latencyMs: 200 }],
      [700, 'b', { kind: 'response', status: 200, latencyMs: 690 }], // 200..700
    ]);
    expect(bench.stats.cancelled, 'cancelled').toBe(1);
  });

  it('the backend is told the client left: a non-cancelling stage finishes the work as wasted', () => {
    const bench = transportBench(stage(1, fixed(500)));
    bench.send(0, 'a', timeout(NONE, 200));
    bench.send(10, 'b', timeout(NONE, NONE));
    bench.kernel.run(10_000);
    expect(bench.log, 'results').toEqual([
      [200, 'a', { kind: 'timeout', which: 'total', latencyMs: 200 }],
      [1000, 'b', { kind: 'response', status: 200, latencyMs: 990 }], // 500..1000
    ]);
    expect(bench.stats.abandoned, 'abandoned').toBe(1);
    expect(bench.stats.wastedMs, 'wasted ms').toBe(300);
  });

  it('timeouts and wasted work in a simulated run', () => {
    // Ten arrivals at 0, 100, ..., 900; 150 ms service on 10 slots; read timeout 100 ms (total 1 s):
    // every attempt times out and the stage serves each anyway, 50 ms after its client left.
    const scenario = (cancel: boolean) =>
      tinyScenario({
        stages: { s: stage(10, fixed(150), { cancelOnClientAbort: cancel }) },
        traffic: { load: constantSource(10, 10) },
        durationMs: 2000,
        policy: basePolicy({ timeout: timeout(100, 1000) }),
      });
    const wasted = simulate(scenario(false), 'default', 1).metrics;
    expect(wasted['traffic.load.timeouts'], 'timeouts').toBe(10);
    expect(wasted['traffic.load.ok'], 'ok').toBe(0);
    expect(wasted['stage.s.served'], 'served').toBe(10);
    expect(wasted['stage.s.abandoned'], 'abandoned').toBe(10);
    expect(wasted['stage.s.wastedMs'], 'wasted ms').toBe(10 * 50);
    const cancelled = simulate(scenario(true), 'default', 1).metrics;
    expect(cancelled['traffic.load.timeouts'], 'timeouts (cancelling)').toBe(10);
    expect(cancelled['stage.s.cancelled'], 'cancelled').toBe(10);
    expect(cancelled['stage.s.served'], 'served (cancelling)').toBe(0);
    expect(cancelled['stage.s.wastedMs'], 'wasted ms (cancelling)').toBe(0);
  });
});
