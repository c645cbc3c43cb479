/**
 * The fake backend as a real HTTP server: one fastify route per scenario endpoint, each request handed to
 * the core backend model and answered when the model replies — the status it chose and a small JSON body.
 * `buildApp` only builds (tests can `inject()`); `BackendServer` listens, on 127.0.0.1 by default.
 *
 * What the model's replies become on the wire:
 * - a response: that status (injected `errors`, 504 from a queue timeout, 502 from a refused next stage);
 * - refused (the first stage is `down`): the socket is destroyed, so the client sees the connection drop.
 *   `BackendServer.setAccepting(false)` closes the listener as well, so new connections are refused;
 * - while a `slowBody` window is open on a stage of the route, the body trickles (slow-body.ts).
 * A client that disconnects before the reply (its timeout fired) is reported to the model, which drops the
 * work or lets it run to the end as wasted work, as the stage's `cancelOnClientAbort` says.
 */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Backend } from '../core/model/backend.js';
import type { Call, Reply } from '../core/model/call.js';
import type { Scheduler } from '../core/scheduler.js';
import type { Backend as BackendConfig } from '../core/scenario/types.js';
import { slowBody, trickle } from '../engine/live/slow-body.js';
import { checkRoutes, keyFromWire, keyParam } from './http-routes.js';

export interface BackendAppOptions {
  /** The model the routes drive. */
  backend: Backend;
  /** The clock of the model (trickled bodies are paced on it). */
  sched: Scheduler;
  /** Bytes per scenario second for a response through these stages now, or null to send it at once. */
  slowBodyRate?: (stages: readonly string[]) => number | null;
  /**
   * The status and JSON body of a request the model answered with `status`, or null for the default
   * (that status and `{"key":…,"status":…}`). `serve` builds its job payloads (and 404s) here.
   */
  respond?: (
    endpoint: string,
    request: FastifyRequest,
    status: number,
  ) => { status: number; body: Record<string, unknown> } | null;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function buildApp(config: BackendConfig, options: BackendAppOptions): FastifyInstance {
  checkRoutes(config.endpoints);
  const { backend, sched } = options;
  const slowBodyRate = options.slowBodyRate ?? (() => null);
  const app = Fastify({
    logger: false,
    // Idle pollers sleep for whole intervals between requests: a keep-alive connection must outlive
    // them, or the client reuses a socket the server is closing and sees an error no fault caused.
    keepAliveTimeout: 10 * 60_000,
    forceCloseConnections: true,
  });

  for (const [name, endpoint] of Object.entries(config.endpoints)) {
    const param = keyParam(endpoint.path);
    const stages = endpoint.stages;
    const handler = (request: FastifyRequest, reply: FastifyReply): void => {
      const raw =
        param === null
          ? (request.query as Record<string, string | undefined>).key
          : (request.params as Record<string, string | undefined>)[param];
      const key = keyFromWire(raw);
      const res = reply.raw;
      let call: Call | null = null;
      let replied = false;
      const onClose = (): void => {
        if (!replied && call !== null) backend.abort(call);
      };
      call = backend.request(name, key, (r: Reply) => {
        replied = true;
        res.off('close', onClose);
        answer(name, request, reply, r, key, slowBodyRate(stages));
      });
      if (!replied) res.once('close', onClose);
    };
    app.route({ method: endpoint.method, url: endpoint.path, handler });
  }

  const answer = (
    endpoint: string,
    request: FastifyRequest,
    reply: FastifyReply,
    r: Reply,
    key: number,
    rate: number | null,
  ): void => {
    if (reply.raw.destroyed) return;
    if (r.kind === 'refused') {
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    const custom = options.respond?.(endpoint, request, r.status) ?? null;
    const status = custom?.status ?? r.status;
    if (rate === null) {
      const body = custom === null ? `{"key":${key},"status":${r.status}}` : JSON.stringify(custom.body);
      reply.code(status).header('content-type', JSON_TYPE).send(body);
      return;
    }
    reply.hijack();
    const res = reply.raw;
    res.writeHead(status, { 'content-type': JSON_TYPE });
    res.flushHeaders();
    const stop = trickle(
      slowBody(custom?.body ?? { key, status: r.status }),
      rate,
      sched,
      (chunk) => res.write(chunk),
      () => res.end(),
    );
    res.once('close', stop);
  };

  return app;
}

/**
 * A listening backend. `setAccepting(false)` closes the listener (a backend restarting: connections are
 * refused, idle keep-alive connections close, requests in flight finish); `setAccepting(true)` listens
 * again on the same port — or, if the port was taken meanwhile, on a new one, which it reports.
 */
export class BackendServer {
  private accepting = true;
  /** Listener changes run one after another: a flapping `down` fault can ask faster than listen() answers. */
  private pending: Promise<void> = Promise.resolve();

  private constructor(
    readonly app: FastifyInstance,
    readonly host: string,
    private portNumber: number,
    private readonly onPortChange: (port: number) => void,
  ) {}

  static async start(
    app: FastifyInstance,
    options: { host?: string; port?: number; onPortChange?: (port: number) => void } = {},
  ): Promise<BackendServer> {
    const host = options.host ?? '127.0.0.1';
    await app.listen({ host, port: options.port ?? 0, backlog: 4096 });
    const port = (app.server.address() as AddressInfo).port;
    return new BackendServer(app, host, port, options.onPortChange ?? (() => {}));
  }

  get port(): number {
    return this.portNumber;
  }

  get origin(): string {
    return `http://${this.host}:${this.portNumber}`;
  }

  get isAccepting(): boolean {
    return this.accepting;
  }

  setAccepting(accept: boolean): Promise<void> {
    if (accept === this.accepting) return this.pending;
    this.accepting = accept;
    const server = this.app.server;
    this.pending = this.pending.then(async () => {
      if (!accept) {
        if (server.listening) server.close();
        return;
      }
      if (server.listening) return;
      try {
        await listen(server, this.portNumber, this.host);
      } catch {
        await listen(server, 0, this.host);
        this.portNumber = (server.address() as AddressInfo).port;
        this.onPortChange(this.portNumber);
      }
    });
    return this.pending;
  }

  /** Stops for good: every connection is closed, and the port is free when this resolves. */
  async close(): Promise<void> {
    await this.pending.catch(() => {});
    await this.app.close();
  }
}

function listen(server: FastifyInstance['server'], port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host, backlog: 4096 });
  });
}
