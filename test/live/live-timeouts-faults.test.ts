/**
 * Timeout semantics and faults against the real server: real sockets, real disconnects. Times are
 * scenario ms at a time scale of 0.1 (10× faster); real time adds a little, so times are checked
 * within a band, never exactly.
 *
 * - slowBody: a trickled body keeps the read timeout (longest gap between bytes) from firing while the
 *   total deadline still does; a read timeout longer than the gaps never fires; one shorter does.
 * - down (the stage every endpoint enters first): the listener closes, a connection is refused at once
 *   by the kernel (ECONNREFUSED), and the backend answers again on the same port when the window ends.
 * - down on a later stage: 502 from the stage before it; errors: the injected status itself.
 * - a client that times out disconnects; the stage keeps working (abandoned, wasted) unless
 *   `cancelOnClientAbort`, in which case the work is dropped.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { stageConfig } from '../../src/core/scenario/build.js';
import type { Backend as BackendConfig } from '../../src/core/scenario/types.js';
import { SLOW_BODY_BYTES } from '../../src/engine/live/slow-body.js';
import { type LiveBench, liveBench, timeout } from './harness.js';

const SCALE = 0.1;
const fixed = (ms: number) => ({ dist: 'fixed' as const, value: ms });
const NONE = Number.POSITIVE_INFINITY;

let bench: LiveBench | null = null;
afterEach(async () => {
  await bench?.close();
  bench = null;
});

function refusedByKernel(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

describe('slowBody: read timeout vs total deadline', () => {
  // `slow` trickles 100 B/s (5 B every 50 ms: 1 KiB in ~10 s); `stuck` goes to a stage that is stalled.
  const config: BackendConfig = {
    endpoints: {
      slow: { method: 'GET', path: '/slow/:id', stages: ['api'] },
      stuck: { method: 'GET', path: '/stuck/:id', stages: ['db'] },
      crawl: { method: 'GET', path: '/crawl/:id', stages: ['web'] },
    },
    stages: {
      api: stageConfig(10, fixed(10)),
      db: stageConfig(10, fixed(10)),
      web: stageConfig(10, fixed(10)),
    },
  };
  const faults = [
    { kind: 'slowBody' as const, stage: 'api', bytesPerSec: 100, atMs: 0, forMs: 60_000 },
    { kind: 'stall' as const, stage: 'db', atMs: 0, forMs: 60_000 },
    // 2 B/s: one byte every 500 ms, longer than a 200 ms read timeout.
    { kind: 'slowBody' as const, stage: 'web', bytesPerSec: 2, atMs: 0, forMs: 60_000 },
  ];

  it('a trickle never trips a 1 s read timeout: the whole body arrives after ~10 s', async () => {
    bench = await liveBench(config, faults, SCALE);
    const [, r] = await bench.send(100, 'slow', 1, timeout({ readMs: 1000 }));
    expect(r.kind, JSON.stringify(r)).toBe('response');
    if (r.kind !== 'response') return;
    expect(r.status).toBe(200);
    const trickleMs = (SLOW_BODY_BYTES / 100) * 1000;
    expect(r.latencyMs, 'took as long as the trickle').toBeGreaterThan(trickleMs * 0.95);
    expect(r.latencyMs).toBeLessThan(trickleMs * 1.2);
  });

  it('the same trickle hits a 3 s total deadline at 3 s', async () => {
    bench = await liveBench(config, faults, SCALE);
    const [, r] = await bench.send(100, 'slow', 1, timeout({ readMs: 1000, totalMs: 3000 }));
    expect(r).toMatchObject({ kind: 'timeout', which: 'total' });
    expect(r.latencyMs).toBeGreaterThanOrEqual(3000);
    expect(r.latencyMs).toBeLessThan(3300);
  });

  it('no byte at all (a stalled stage): the read timeout fires at 1 s', async () => {
    bench = await liveBench(config, faults, SCALE);
    const [, r] = await bench.send(100, 'stuck', 1, timeout({ readMs: 1000, totalMs: 3000 }));
    expect(r).toMatchObject({ kind: 'timeout', which: 'read' });
    expect(r.latencyMs).toBeGreaterThanOrEqual(1000);
    expect(r.latencyMs).toBeLessThan(1300);
  });

  it('a gap between bytes longer than the read timeout fires it mid-body', async () => {
    bench = await liveBench(config, faults, SCALE);
    const [, r] = await bench.send(100, 'crawl', 1, timeout({ readMs: 200 }));
    // Headers after the 10 ms service, then the first byte only 500 ms later.
    expect(r).toMatchObject({ kind: 'timeout', which: 'read' });
    expect(r.latencyMs).toBeGreaterThanOrEqual(210);
    expect(r.latencyMs).toBeLessThan(450);
  });
});

describe('down, errors', () => {
  it('a down front stage closes the listener: refused at once, then served again on the same port', async () => {
    const config: BackendConfig = {
      endpoints: { e: { method: 'GET', path: '/jobs/:jobId/events', stages: ['api'] } },
      stages: { api: stageConfig(10, fixed(20)) },
    };
    bench = await liveBench(config, [{ kind: 'down', stage: 'api', atMs: 1000, forMs: 2000 }], SCALE);
    const port = bench.server.port;
    const t = timeout({ readMs: 1000 });
    const before = await bench.send(500, 'e', 1, t);
    const during = await bench.send(1500, 'e', 2, t);
    expect(await refusedByKernel(port), 'a raw TCP connect while down').toBe('ECONNREFUSED');
    const after = await bench.send(3500, 'e', 3, t);
    expect(before[1]).toMatchObject({ kind: 'response', status: 200 });
    expect(during[1].kind, JSON.stringify(during[1])).toBe('refused');
    expect(during[1].latencyMs, 'no waiting for the read timeout').toBeLessThan(500);
    expect(after[1]).toMatchObject({ kind: 'response', status: 200 });
    expect(bench.server.port, 'the same port').toBe(port);
    expect(bench.transport.unexpectedErrors).toBe(0);
  });

  it('a down later stage: the stage in front answers 502; errors: the injected status', async () => {
    const config: BackendConfig = {
      endpoints: {
        chain: { method: 'GET', path: '/chain/:id', stages: ['api', 'db'] },
        flaky: { method: 'POST', path: '/jobs', stages: ['edge'] },
      },
      stages: {
        api: stageConfig(10, fixed(5)),
        db: stageConfig(10, fixed(5)),
        edge: stageConfig(10, fixed(5)),
      },
    };
    bench = await liveBench(
      config,
      [
        { kind: 'down', stage: 'db', atMs: 0, forMs: 10_000 },
        { kind: 'errors', stage: 'edge', status: 503, rate: 1, atMs: 0, forMs: 10_000 },
      ],
      SCALE,
    );
    const t = timeout({ readMs: 1000 });
    const [[, chain], [, flaky]] = await Promise.all([
      bench.send(100, 'chain', 1, t),
      bench.send(100, 'flaky', 2, t),
    ]);
    expect(chain).toMatchObject({ kind: 'response', status: 502 });
    expect(flaky).toMatchObject({ kind: 'response', status: 503 });
  });
});

describe('a client that gives up', () => {
  const config = (cancelOnClientAbort: boolean): BackendConfig => ({
    endpoints: { e: { method: 'GET', path: '/e/:id', stages: ['db'] } },
    stages: {
      db: stageConfig(1, fixed(2000), {
        cancelOnClientAbort,
        queue: { limit: NONE, timeoutMs: NONE, status: 503 },
      }),
    },
  });

  it('keeps the stage busy until the work is done (wasted) unless cancelOnClientAbort', async () => {
    bench = await liveBench(config(false), [], SCALE);
    const [, r] = await bench.send(0, 'e', 1, timeout({ readMs: 500 }));
    expect(r).toMatchObject({ kind: 'timeout', which: 'read' });
    await bench.until(2500);
    const kept = bench.backend.stages.get('db')?.stats;
    expect(kept?.abandoned, 'finished for nobody').toBe(1);
    expect(kept?.cancelled).toBe(0);
    expect(kept?.wastedMs, 'from the disconnect to the end of the work').toBeGreaterThan(1300);
    expect(kept?.wastedMs).toBeLessThan(1700);
    await bench.close();

    bench = await liveBench(config(true), [], SCALE);
    await bench.send(0, 'e', 1, timeout({ readMs: 500 }));
    await bench.until(2500);
    const dropped = bench.backend.stages.get('db')?.stats;
    expect(dropped?.cancelled, 'the disconnect reached the stage').toBe(1);
    expect(dropped?.abandoned).toBe(0);
    expect(dropped?.wastedMs).toBe(0);
  });
});
