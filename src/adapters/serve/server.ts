/**
 * `pollstorm serve` as a library: the scenario's backend on a real port, its endpoints answered by the
 * core model (through the live engine's fastify routes) with job payloads, plus the control API and
 * `/metrics`. `buildServeApp` only builds (tests can `inject()`); `startServe` listens — on 127.0.0.1
 * unless told otherwise, and anywhere else only with a control token.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Scenario } from '../../core/scenario/types.js';
import { BackendServer, buildApp } from '../fastify-backend.js';
import { CONTROL_PREFIX, controlRoutes, METRICS_PATH } from './control-routes.js';
import { ServedBackend, type ServedBackendOptions } from './served-backend.js';

export const DEFAULT_HOST = '127.0.0.1';

export interface ServeOptions extends ServedBackendOptions {
  /** Where to listen (default 127.0.0.1). Anything but loopback needs `controlToken`. */
  host?: string;
  /** Port (0: any free one). */
  port?: number;
  /** Demanded as `Authorization: Bearer <token>` by the control API and /metrics. */
  controlToken?: string;
}

/** Why serve cannot start with these options; each problem names the flag to change. */
export class ServeInputError extends Error {
  readonly code = 'SERVE_BAD_INPUT';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ServeInputError';
  }
}

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h)
  );
}

/** Problems with serving this scenario with these options, before anything listens. */
export function serveProblems(scenario: Scenario, options: ServeOptions): string[] {
  const problems: string[] = [];
  const host = options.host ?? DEFAULT_HOST;
  if (!isLoopback(host) && (options.controlToken ?? '') === '') {
    problems.push(
      `--host ${host}: serving beyond this machine needs --control-token T (anyone who can reach it could inject faults); or use --host 127.0.0.1`,
    );
  }
  if (options.controlToken !== undefined && !/^\S+$/.test(options.controlToken)) {
    problems.push('--control-token: expected one word (no spaces), as it travels in an Authorization header');
  }
  for (const [name, e] of Object.entries(scenario.backend.endpoints)) {
    if (e.path === METRICS_PATH || e.path === CONTROL_PREFIX || e.path.startsWith(`${CONTROL_PREFIX}/`)) {
      problems.push(
        `backend.endpoints.${name}.path: ${e.path} is where serve answers ${e.path === METRICS_PATH ? 'metrics' : 'its control API'}; give the endpoint another path`,
      );
    }
  }
  return problems;
}

export function buildServeApp(served: ServedBackend, controlToken?: string): FastifyInstance {
  const app = buildApp(served.scenario.backend, {
    backend: served.backend,
    sched: served.sched,
    slowBodyRate: (stages) => served.faults.slowBodyRate(stages),
    respond: (endpoint, request, status) =>
      served.respond(
        endpoint,
        {
          params: request.params as Record<string, string | undefined>,
          query: request.query as Record<string, string | undefined>,
        },
        status,
      ),
  });
  // Real clients post jobs with whatever body they like (or none, labelled JSON); the model reads none.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined));
  app.register(controlRoutes(served, controlToken === '' ? undefined : controlToken));
  app.addHook('onClose', async () => served.close());
  return app;
}

export interface RunningServe {
  /** `http://127.0.0.1:8000` */
  origin: string;
  port: number;
  served: ServedBackend;
  app: FastifyInstance;
  /** Closes every connection and stops every timer; the port is free when this resolves. */
  close(): Promise<void>;
}

function listenProblem(e: unknown, host: string, port: number): string | null {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return `--port ${port}: already in use on ${host}; pick another, or --port 0 for any free one`;
    case 'EACCES':
      return `--port ${port}: not allowed (ports below 1024 need privileges); pick another, or --port 0`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `--host ${host}: not an address of this machine`;
    default:
      return null;
  }
}

export async function startServe(scenario: Scenario, options: ServeOptions = {}): Promise<RunningServe> {
  const problems = serveProblems(scenario, options);
  if (problems.length > 0) throw new ServeInputError(problems);
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? 0;
  const served = new ServedBackend(scenario, options);
  const app = buildServeApp(served, options.controlToken);
  let server: BackendServer;
  try {
    server = await BackendServer.start(app, { host, port });
  } catch (e) {
    await app.close().catch(() => {});
    const problem = listenProblem(e, host, port);
    if (problem !== null) throw new ServeInputError([problem]);
    throw e;
  }
  served.start();
  const bound = (app.server.address() as AddressInfo).port;
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return {
    origin: `http://${urlHost}:${bound}`,
    port: bound,
    served,
    app,
    close: () => server.close(),
  };
}
