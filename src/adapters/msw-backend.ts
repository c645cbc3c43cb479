/**
 * The fake slow backend inside a test process, as msw request handlers: no socket, no port. Each
 * handler hands the intercepted request to the core backend model — the same stages, queues, service
 * times and fault timeline as the simulator and the live server — on a real-time clock (scaled by
 * `timeScale`), and answers when the model replies:
 * - a response: its status and a small JSON body (`{ key, status }`);
 * - refused (a `down` stage in front): a network error, so `fetch` rejects as it would on ECONNREFUSED;
 * - inside a `slowBody` window: a streamed body that trickles (slow-body.ts).
 * A request whose signal aborts (the poller's `AbortSignal.timeout`) is reported to the model, which
 * drops the work or finishes it as wasted work, as the stage's `cancelOnClientAbort` says.
 *
 * The scenario clock starts when the handlers are created; fault windows are placed on it
 * (`{ kind: stall, at: 0s, for: 30s }` stalls the first 30 s after creation).
 */
import { type HttpHandler, HttpResponse, http } from 'msw';
import { Backend } from '../core/model/backend.js';
import { type FaultWindow, faultWindows, scheduleFaults } from '../core/model/fault-timeline.js';
import { RandomSource } from '../core/random/prng.js';
import { type ScenarioInput, scenarioFromValue } from '../core/scenario/index.js';
import type { Scenario } from '../core/scenario/types.js';
import { RealtimeScheduler } from '../engine/live/scheduler.js';
import { SlowBodyWindows, slowBody, trickle } from '../engine/live/slow-body.js';
import { checkRoutes, keyFromWire, keyParam } from './http-routes.js';

export interface MockBackendOptions {
  /** Wall ms per scenario ms (default 1): 0.01 makes a 30 s stall last 300 ms of the test. */
  timeScale?: number;
  /** Seed of the model's random streams (default: the scenario's). */
  seed?: number;
  /** The origin to answer for, e.g. `http://api.test` (default: any origin). */
  baseUrl?: string;
}

/** A scenario as written in a file, for the mock: the workload (who polls) is optional, it is your code. */
export type MockScenarioInput = Omit<ScenarioInput, 'workload'> & { workload?: ScenarioInput['workload'] };

export interface MockBackend {
  /** For `setupServer(...mock.handlers)` or `server.use(...)`. */
  readonly handlers: HttpHandler[];
  /** The backend model: its stages and their statistics (`backend.stages.get('postgrest')?.stats`). */
  readonly backend: Backend;
  /** Scenario milliseconds since the handlers were created. */
  now(): number;
  /** The fault windows on the mock's clock. */
  readonly windows: readonly FaultWindow[];
  /** Stops the clock: fault windows stop changing, replies still pending never come. */
  close(): void;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/** A normalized scenario as is; a scenario object as written in a file, validated (a workload is optional here). */
function normalized(input: Scenario | MockScenarioInput): Scenario {
  if (typeof (input as Scenario).durationMs === 'number') return input as Scenario;
  const raw = input as unknown as Record<string, unknown>;
  const backend = raw.backend as { endpoints?: Record<string, unknown> } | undefined;
  const first = Object.keys(backend?.endpoints ?? {})[0];
  // The mock serves endpoints only; a scenario written for it need not describe pollers.
  const withWorkload =
    raw.workload === undefined && first !== undefined
      ? {
          ...raw,
          workload: { traffic: { mock: { endpoint: first, arrival: { kind: 'constant', rate: '1/s' } } } },
        }
      : raw;
  const result = scenarioFromValue(withWorkload);
  if (!result.ok) throw new TypeError(`Failed to create the mock backend: ${result.problems.join('; ')}`);
  return result.scenario;
}

export function createMockBackend(
  input: Scenario | MockScenarioInput,
  options: MockBackendOptions = {},
): MockBackend {
  const scenario = normalized(input);
  checkRoutes(scenario.backend.endpoints);
  const sched = new RealtimeScheduler({ timeScale: options.timeScale ?? 1 });
  const random = new RandomSource(options.seed ?? scenario.seed);
  const backend = new Backend(scenario.backend, sched, random);
  const windows = faultWindows(scenario.faults, scenario.durationMs);
  scheduleFaults(scenario.faults, windows, sched, backend, [], random);
  const slow = new SlowBodyWindows(scenario.faults, windows, sched);
  sched.start();

  const handlers = Object.entries(scenario.backend.endpoints).map(([name, endpoint]) => {
    const param = keyParam(endpoint.path);
    const route = `${options.baseUrl ?? '*'}${endpoint.path}`;
    const method = endpoint.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    return http[method](route, async ({ request, params }) => {
      const wire = param === null ? new URL(request.url).searchParams.get('key') : params[param];
      const key = keyFromWire(typeof wire === 'string' ? wire : undefined);
      // A pending reply keeps the process alive; a forgotten fault window does not.
      sched.hold();
      try {
        const reply = await new Promise<ModelReply>((resolve) => {
          replyOf(backend, name, key, request.signal, resolve);
        });
        if (reply === null || reply.kind === 'refused') return HttpResponse.error();
        const rate = slow.rateFor(endpoint.stages);
        if (rate === null) return HttpResponse.json({ key, status: reply.status }, { status: reply.status });
        return new HttpResponse(trickledStream(sched, slowBody({ key, status: reply.status }), rate), {
          status: reply.status,
          headers: JSON_HEADERS,
        });
      } finally {
        sched.release();
      }
    });
  });

  return {
    handlers,
    backend,
    windows,
    now: () => sched.now(),
    close: () => sched.close(),
  };
}

/** Handlers only: `setupServer(...createBackendHandlers(scenario, { timeScale: 0.01 }))`. */
export function createBackendHandlers(
  input: Scenario | MockScenarioInput,
  options: MockBackendOptions = {},
): HttpHandler[] {
  return createMockBackend(input, options).handlers;
}

type ModelReply = { kind: 'response'; status: number } | { kind: 'refused' } | null;

/** Sends one request into the model; resolves with its reply, or null when the client gave up first. */
function replyOf(
  backend: Backend,
  endpoint: string,
  key: number,
  signal: AbortSignal,
  resolve: (r: ModelReply) => void,
): void {
  if (signal.aborted) {
    resolve(null);
    return;
  }
  let replied = false;
  const call = backend.request(endpoint, key, (r) => {
    replied = true;
    signal.removeEventListener('abort', onAbort);
    resolve(r);
  });
  function onAbort(): void {
    if (replied) return;
    backend.abort(call);
    resolve(null);
  }
  if (!replied) signal.addEventListener('abort', onAbort, { once: true });
}

function trickledStream(
  sched: RealtimeScheduler,
  body: Uint8Array,
  rate: number,
): ReadableStream<Uint8Array> {
  let stop = (): void => {};
  let held = false;
  const letGo = (): void => {
    if (held) sched.release();
    held = false;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      sched.hold();
      held = true;
      stop = trickle(
        body,
        rate,
        sched,
        (chunk) => controller.enqueue(chunk),
        () => {
          controller.close();
          letGo();
        },
      );
    },
    cancel() {
      stop();
      letGo();
    },
  });
}
