/**
 * A real backend on 127.0.0.1 and a real client for timeout and fault tests: the core backend model
 * behind the fastify app, the undici transport in front, faults on the live clock — the live engine's
 * parts without the fleet, so a test sends single requests at chosen scenario instants and checks what
 * came back.
 */
import { request } from 'undici';
import { BackendServer, buildApp } from '../../src/adapters/fastify-backend.js';
import { UndiciTransport } from '../../src/adapters/undici-transport.js';
import type { AttemptResult } from '../../src/core/client/request-machine.js';
import { Backend } from '../../src/core/model/backend.js';
import { faultWindows, scheduleFaults } from '../../src/core/model/fault-timeline.js';
import { RandomSource } from '../../src/core/random/prng.js';
import { clientPolicy } from '../../src/core/scenario/build.js';
import type { Backend as BackendConfig, Fault, TimeoutPolicy } from '../../src/core/scenario/types.js';
import { scheduleListenerDowns } from '../../src/engine/live/down-listener.js';
import { RealtimeScheduler } from '../../src/engine/live/scheduler.js';
import { SlowBodyWindows } from '../../src/engine/live/slow-body.js';

export function timeout(t: Partial<TimeoutPolicy>): TimeoutPolicy {
  return { ...clientPolicy().timeout, ...t };
}

export interface LiveBench {
  sched: RealtimeScheduler;
  backend: Backend;
  server: BackendServer;
  transport: UndiciTransport;
  /** Sends one attempt at scenario time `atMs`; resolves with when it ended and how. */
  send(atMs: number, endpoint: string, key: number, t: TimeoutPolicy): Promise<[number, AttemptResult]>;
  /** Resolves at scenario time `atMs`. */
  until(atMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function liveBench(
  config: BackendConfig,
  faults: Fault[],
  timeScale: number,
): Promise<LiveBench> {
  const sched = new RealtimeScheduler({ timeScale });
  const random = new RandomSource(1);
  const backend = new Backend(config, sched, random);
  const windows = faultWindows(faults, 3_600_000);
  scheduleFaults(faults, windows, sched, backend, [], random);
  const slow = new SlowBodyWindows(faults, windows, sched);
  const app = buildApp(config, { backend, sched, slowBodyRate: (stages) => slow.rateFor(stages) });
  const server = await BackendServer.start(app);
  scheduleListenerDowns(faults, windows, config, sched, server, (e) => {
    throw e;
  });
  const transport = new UndiciTransport({
    origin: server.origin,
    sched,
    timeScale,
    endpoints: config.endpoints,
  });
  // The first request of a process or a server is slow (JIT, connect, route setup): not on the clock.
  await request(`${server.origin}/warm-up`).then((r) => r.body.dump());
  sched.start();
  sched.hold();
  return {
    sched,
    backend,
    server,
    transport,
    send: (atMs, endpoint, key, t) =>
      new Promise((resolve) => {
        sched.at(atMs, () => transport.send(endpoint, key, t, (now, r) => resolve([now, r])));
      }),
    until: (atMs) =>
      new Promise((resolve) => {
        sched.at(atMs, () => resolve());
      }),
    close: async () => {
      sched.close();
      await transport.close();
      await server.close();
    },
  };
}
