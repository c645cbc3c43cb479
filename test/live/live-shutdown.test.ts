/**
 * A live run stops by itself at the scenario's end, or at once when its signal aborts (Ctrl-C); either
 * way it hands back what it measured and leaves nothing behind: no listening port, no socket, no timer.
 */
import { connect } from 'node:net';
import { expect, test } from 'vitest';
import { runLive } from '../../src/engine/live/index.js';
import { scenario } from './scenarios.js';

function small(duration: string) {
  return scenario({
    name: 'small-live',
    seed: 5,
    duration,
    backend: {
      endpoints: { events: { method: 'GET', path: '/jobs/:jobId/events', stages: ['api', 'db'] } },
      stages: { api: { concurrency: 10, service: '20ms' }, db: { concurrency: 4, service: '100ms' } },
    },
    workload: {
      fleet: {
        workers: 8,
        endpoint: 'events',
        jobs: { arrival: { kind: 'batch', count: 50 }, runtime: '20s' },
      },
    },
    faults: [{ kind: 'stall', stage: 'db', at: '5s', for: '5s' }],
    policies: { default: { interval: '1s', timeout: { read: '3s' } } },
  });
}

/** Handles that would keep a process alive or hold a port: servers, sockets, timers. */
function liveHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) {
    if (r === 'TCPServerWrap' || r === 'TCPSocketWrap' || r === 'Timeout' || r === 'Immediate')
      counts[r] = (counts[r] ?? 0) + 1;
  }
  return counts;
}

function connectResult(origin: string): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

/** No more servers, sockets or timers than before the run (vitest keeps a few of its own). */
function expectNothingLeft(before: Record<string, number>): void {
  const after = liveHandles();
  expect(after.TCPServerWrap ?? 0, 'listening servers').toBeLessThanOrEqual(before.TCPServerWrap ?? 0);
  expect(after.TCPSocketWrap ?? 0, 'sockets').toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
  expect(after.Timeout ?? 0, 'timers').toBeLessThanOrEqual(before.Timeout ?? 0);
  expect(after.Immediate ?? 0, 'immediates').toBe(0);
}

async function settled(): Promise<void> {
  // Closed handles leave the list on the next turns of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 20));
}

test('a run ends by itself at the scenario duration and closes everything', async () => {
  const before = liveHandles();
  let origin = '';
  const started = performance.now();
  const summary = await runLive(small('20s'), { timeScale: 0.02, onListening: (o) => (origin = o) });
  const wallMs = performance.now() - started;
  expect(summary.partial, 'complete').toBeUndefined();
  expect(summary.runs[0]?.metrics['poll.attempts']).toBeGreaterThan(50);
  expect(wallMs, '20 s at 0.02 is 400 ms').toBeLessThan(3000);
  expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await settled();
  expectNothingLeft(before);
  expect(await connectResult(origin), 'the port is closed').toBe('ECONNREFUSED');
});

test('an abort ends the run at once: what was measured so far, marked partial', async () => {
  const before = liveHandles();
  let origin = '';
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 300);
  const started = performance.now();
  // 10 minutes at 0.01 would take 6 s of wall time.
  const summary = await runLive(small('10m'), {
    timeScale: 0.01,
    signal: controller.signal,
    onListening: (o) => (origin = o),
  });
  expect(performance.now() - started, 'stopped promptly').toBeLessThan(1500);
  expect(summary.partial).toBe(true);
  expect(summary.engine).toBe('live');
  const run = summary.runs[0];
  expect(run?.metrics['poll.attempts'], 'the polls made before the abort').toBeGreaterThan(50);
  // 300 ms of wall time is 30 s of scenario time: the series stops there, not at 10 minutes.
  const buckets = run?.series.t as number[];
  expect(buckets.at(-1)).toBeLessThan(120_000);
  await settled();
  expectNothingLeft(before);
  expect(await connectResult(origin), 'the port is closed').toBe('ECONNREFUSED');
});
