/**
 * The live engine's Transport: each attempt is a real HTTP request through an undici keep-alive Pool to
 * the backend on loopback — the twin of the simulator's in-process transport. Timeouts keep requests'
 * and fetch's meanings:
 * - connect: undici's connect timeout (a refused connection fails at once, as on any loopback port);
 * - read: the longest wait for the next byte, headers and body alike (requests' `timeout=`): a body
 *   that trickles resets it with every chunk;
 * - total: a deadline for the whole request, body included (`AbortSignal.timeout`).
 * Read and total are enforced here, on the scheduler's clock, rather than with undici's
 * headersTimeout/bodyTimeout: those run on a timer wheel with 1 s resolution beyond one second, which at
 * a time scale of 0.05 would be 20 s of scenario time. When one fires the request is aborted, undici
 * closes the connection, and the server reports the disconnect to the backend model.
 *
 * Failures map to the core's AttemptResult: ECONNREFUSED, a connection the server dropped (reset,
 * "other side closed") → refused; UND_ERR_CONNECT_TIMEOUT → a connect timeout. Latencies are scenario
 * milliseconds, measured on the scheduler's clock from the moment the attempt was sent.
 */
import { type Dispatcher, Pool } from 'undici';
import type { AttemptResult } from '../core/client/request-machine.js';
import type { Transport } from '../core/client/transport.js';
import type { Scheduler, Timer } from '../core/scheduler.js';
import type { Endpoint, TimeoutPolicy } from '../core/scenario/types.js';
import { pathBuilder } from './http-routes.js';

export interface UndiciTransportOptions {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  sched: Scheduler;
  /** Wall ms per scenario ms, for undici's connect timeout (wall time). */
  timeScale: number;
  endpoints: Record<string, Endpoint>;
  /**
   * Benchmarks: `intendedAt()` is read when an attempt is sent (the instant it was meant to go), and
   * `wired(intendedMs)` is called when undici hands the request to a connection.
   */
  trace?: { intendedAt(): number; wired(intendedMs: number): void };
}

type Route = { method: Dispatcher.HttpMethod; path: (key: number) => string };

/** Errors that mean the server dropped or refused the connection: a `down` backend, or a reset. */
const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

class TimeoutAbort extends Error {
  readonly code = 'POLLSTORM_TIMEOUT';
}

export class UndiciTransport implements Transport {
  private readonly routes = new Map<string, Route>();
  /** One pool per connect timeout: undici sets it per pool, and policies may differ. */
  private pools = new Map<number, Pool>();
  private readonly retired: Pool[] = [];
  private origin: string;
  private closed = false;
  /** Attempts in flight. */
  inflight = 0;
  /** Errors that fit no known kind (counted as refused); the last one, for diagnostics. */
  unexpectedErrors = 0;
  lastUnexpectedError: Error | null = null;

  constructor(private readonly options: UndiciTransportOptions) {
    this.origin = options.origin;
    for (const [name, e] of Object.entries(options.endpoints)) {
      this.routes.set(name, { method: e.method, path: pathBuilder(e) });
    }
  }

  get sched(): Scheduler {
    return this.options.sched;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send(
    endpoint: string,
    key: number,
    timeout: TimeoutPolicy,
    onResult: (now: number, r: AttemptResult) => void,
  ): void {
    const route = this.routes.get(endpoint);
    if (route === undefined) throw new Error(`Failed to send a request: endpoint ${endpoint} is not defined`);
    if (this.closed) return;
    const attempt = new Attempt(this, this.options.sched.now(), timeout, onResult);
    if (this.options.trace !== undefined) attempt.intendedMs = this.options.trace.intendedAt();
    this.inflight++;
    this.poolFor(timeout.connectMs).dispatch(
      { path: route.path(key), method: route.method, headersTimeout: 0, bodyTimeout: 0 },
      attempt,
    );
  }

  /** The backend moved to another port (it could not listen on its old one again after a `down`). */
  retarget(origin: string): void {
    this.origin = origin;
    for (const pool of this.pools.values()) {
      this.retired.push(pool);
      void pool.close().catch(() => {});
    }
    this.pools = new Map();
  }

  /** Stops delivering results at once (the run is over), then destroys every connection. */
  stop(): void {
    this.closed = true;
  }

  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values(), ...this.retired];
    this.pools = new Map();
    await Promise.all(pools.map((p) => p.destroy().catch(() => {})));
  }

  /** @internal */
  wired(intendedMs: number): void {
    this.options.trace?.wired(intendedMs);
  }

  /** @internal */
  settled(): void {
    this.inflight--;
  }

  /** @internal */
  unexpected(error: Error): void {
    this.unexpectedErrors++;
    this.lastUnexpectedError = error;
  }

  private poolFor(connectMs: number): Pool {
    let pool = this.pools.get(connectMs);
    if (pool === undefined) {
      const wall = this.options.timeScale * connectMs;
      pool = new Pool(this.origin, {
        connections: null,
        pipelining: 1,
        // Shorter than the server's 10 minutes, so the client, not the server, retires idle sockets.
        keepAliveTimeout: 5 * 60_000,
        keepAliveMaxTimeout: 5 * 60_000,
        headersTimeout: 0,
        bodyTimeout: 0,
        connect: { timeout: Number.isFinite(wall) ? Math.max(1, Math.ceil(wall)) : 0 },
      });
      this.pools.set(connectMs, pool);
    }
    return pool;
  }
}

/** One HTTP attempt: undici's dispatch handler plus the read and total deadlines. */
class Attempt implements Dispatcher.DispatchHandler {
  private done = false;
  private controller: Dispatcher.DispatchController | null = null;
  private status = 0;
  private lastByteMs: number;
  private timer: Timer | null = null;
  /** Traced attempts: when it was meant to be sent. */
  intendedMs = Number.NaN;

  constructor(
    private readonly transport: UndiciTransport,
    private readonly sentAtMs: number,
    private readonly timeout: TimeoutPolicy,
    private readonly onResult: (now: number, r: AttemptResult) => void,
  ) {
    this.lastByteMs = sentAtMs;
    this.arm();
  }

  private arm(): void {
    const due = Math.min(this.lastByteMs + this.timeout.readMs, this.sentAtMs + this.timeout.totalMs);
    if (due === Number.POSITIVE_INFINITY) return;
    this.timer = this.transport.sched.at(due, this.onTimer);
  }

  private onTimer = (now: number): void => {
    this.timer = null;
    if (this.done) return;
    const readDue = this.lastByteMs + this.timeout.readMs;
    const totalDue = this.sentAtMs + this.timeout.totalMs;
    // A tie goes to the read timeout, as in the simulator.
    const which = readDue <= totalDue ? 'read' : 'total';
    if (Math.min(readDue, totalDue) > now) {
      this.arm(); // a byte came since this timer was set: the read deadline moved on
      return;
    }
    this.settle(now, { kind: 'timeout', which, latencyMs: now - this.sentAtMs });
    this.controller?.abort(new TimeoutAbort(`${which} timeout`));
  };

  private settle(now: number, result: AttemptResult): void {
    this.done = true;
    if (this.timer !== null) this.transport.sched.cancel(this.timer);
    this.timer = null;
    this.transport.settled();
    if (!this.transport.isClosed) this.onResult(now, result);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // Timed out while waiting for a connection: never write it.
    if (this.done) controller.abort(new TimeoutAbort('timed out before it was sent'));
    else this.transport.wired(this.intendedMs);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    if (this.done || statusCode < 200) return;
    this.status = statusCode;
    this.lastByteMs = this.transport.sched.now();
  }

  onResponseData(): void {
    if (!this.done) this.lastByteMs = this.transport.sched.now();
  }

  onResponseEnd(): void {
    if (this.done) return;
    const now = this.transport.sched.now();
    this.settle(now, { kind: 'response', status: this.status, latencyMs: now - this.sentAtMs });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.done) return;
    const now = this.transport.sched.now();
    const latencyMs = now - this.sentAtMs;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      this.settle(now, { kind: 'timeout', which: 'connect', latencyMs });
      return;
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      this.settle(now, { kind: 'timeout', which: 'read', latencyMs });
      return;
    }
    if (!CONNECTION_ERRORS.has(code) && !this.transport.isClosed) this.transport.unexpected(error);
    this.settle(now, { kind: 'refused', latencyMs });
  }
}
