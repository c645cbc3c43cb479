/**
 * One live run: the same World as the simulator's (backend model, sources, Celery fleet, fault timeline,
 * recorder), driven by real scaled timers, a fastify server on loopback and undici clients. It ends by
 * itself at the scenario's duration, or early when `signal` aborts; either way the metrics are taken at
 * that instant, before anything is torn down, and then the pollers, the connections and the server are
 * closed, so nothing is left running.
 */
import { BackendServer, buildApp } from '../../adapters/fastify-backend.js';
import { UndiciTransport } from '../../adapters/undici-transport.js';
import type { Metrics } from '../../core/metrics/run-metrics.js';
import type { SeriesJson } from '../../core/metrics/series.js';
import { Backend } from '../../core/model/backend.js';
import { RandomSource } from '../../core/random/prng.js';
import type { Scenario } from '../../core/scenario/types.js';
import { World } from '../world.js';
import { scheduleListenerDowns } from './down-listener.js';
import { RealtimeScheduler } from './scheduler.js';
import { SlowBodyWindows } from './slow-body.js';

export interface LiveRun {
  policy: string;
  seed: number;
  metrics: Metrics;
  series: SeriesJson;
  /** Scenario time the run reached: the duration, or less when it was interrupted. */
  endMs: number;
  interrupted: boolean;
}

export interface LiveRunOptions {
  /** Wall ms per scenario ms (default 1). */
  timeScale?: number;
  /** Aborting ends the run now; what was measured until then is kept. */
  signal?: AbortSignal;
  /** Where to listen (default 127.0.0.1: loopback only). */
  host?: string;
  /** Problems that do not stop the run (a listener that could not reopen, unexpected client errors). */
  onWarning?: (line: string) => void;
  /** The backend is listening (before the run's clock starts), e.g. `http://127.0.0.1:41234`. */
  onListening?: (origin: string) => void;
  /**
   * Benchmarks: each request as it is handed to a connection, with the scenario instant it was meant to
   * go (a timer's, for a poll woken by its interval) and the clock (`sched.wallNow()` is now).
   */
  onWire?: (intendedMs: number, sched: RealtimeScheduler) => void;
}

export async function liveRun(
  scenario: Scenario,
  policyName: string,
  seed: number,
  options: LiveRunOptions = {},
): Promise<LiveRun> {
  const policy = scenario.policies[policyName];
  if (policy === undefined) throw new Error(`Failed to run live: policy ${policyName} is not defined`);
  const timeScale = options.timeScale ?? 1;
  const warn = options.onWarning ?? (() => {});
  const sched = new RealtimeScheduler({ timeScale, horizonMs: scenario.durationMs });
  const random = new RandomSource(seed);
  const backend = new Backend(scenario.backend, sched, random);
  let slow: SlowBodyWindows | null = null;
  const app = buildApp(scenario.backend, {
    backend,
    sched,
    slowBodyRate: (stages) => slow?.rateFor(stages) ?? null,
  });
  let transport: UndiciTransport | null = null;
  const server = await BackendServer.start(app, {
    ...(options.host === undefined ? {} : { host: options.host }),
    onPortChange: () => {
      warn(
        `note: the backend could not listen on its port again after a down window; moved to ${server.origin}`,
      );
      transport?.retarget(server.origin);
    },
  });
  options.onListening?.(server.origin);
  const onWire = options.onWire;
  transport = new UndiciTransport({
    origin: server.origin,
    sched,
    timeScale,
    endpoints: scenario.backend.endpoints,
    ...(onWire === undefined
      ? {}
      : {
          trace: {
            intendedAt: () => sched.firingAtMs ?? sched.now(),
            wired: (intendedMs: number) => onWire(intendedMs, sched),
          },
        }),
  });
  const world = new World({ scenario, policy, random, sched, transport, backend });

  let result: LiveRun | null = null;
  const finish = (interrupted: boolean): void => {
    if (result !== null) return;
    const endMs = Math.min(sched.now(), scenario.durationMs);
    // Freeze the world first: no timer fires and no reply is delivered after the metrics are taken.
    sched.close();
    transport.stop();
    result = { policy: policyName, seed, ...world.finish(endMs), endMs, interrupted };
  };

  try {
    await new Promise<void>((resolve) => {
      const signal = options.signal;
      const onAbort = (): void => {
        finish(true);
        resolve();
      };
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      sched.start();
      sched.hold();
      world.start();
      slow = new SlowBodyWindows(scenario.faults, world.windows, sched);
      scheduleListenerDowns(scenario.faults, world.windows, scenario.backend, sched, server, (e) =>
        warn(`warning: the backend's listener: ${e.message}`),
      );
      sched.at(scenario.durationMs, () => {
        signal?.removeEventListener('abort', onAbort);
        finish(false);
        resolve();
      });
    });
  } finally {
    if (result === null) finish(true);
    sched.close();
    await transport.close();
    await server.close();
  }
  if (transport.unexpectedErrors > 0) {
    warn(
      `warning: ${transport.unexpectedErrors} requests failed with errors counted as refused connections, last: ${transport.lastUnexpectedError?.message}`,
    );
  }
  return result as unknown as LiveRun;
}
