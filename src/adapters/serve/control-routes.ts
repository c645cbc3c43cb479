/**
 * The control API under `/__pollstorm/` and `GET /metrics`, in their own fastify scope: request bodies
 * are read as text whatever their content type (a fault comes as JSON or YAML, and `curl -d` labels JSON
 * as a form), and with a control token every route here demands `Authorization: Bearer <token>`. The
 * scenario's own endpoints stay open, as the backend they stand in for would be.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROMETHEUS_CONTENT_TYPE } from './prometheus.js';
import type { ServedBackend } from './served-backend.js';

export const CONTROL_PREFIX = '/__pollstorm';
export const METRICS_PATH = '/metrics';

/** Compares digests, so the time taken says nothing about how much of the token was right. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (m === null) return false;
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(m[1] as string), digest(token));
}

export function controlRoutes(served: ServedBackend, token: string | undefined) {
  return async (scope: FastifyInstance): Promise<void> => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
      done(null, body),
    );
    if (token !== undefined) {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        if (bearerMatches(request.headers.authorization, token)) return;
        return reply.code(401).header('www-authenticate', 'Bearer realm="pollstorm"').send({
          error: 'this route needs Authorization: Bearer <the --control-token serve was started with>',
        });
      });
    }

    scope.get(`${CONTROL_PREFIX}/state`, async () => served.state());

    scope.get(`${CONTROL_PREFIX}/faults`, async () => ({ faults: served.faults.list() }));

    scope.post(`${CONTROL_PREFIX}/faults`, async (request, reply) => {
      const result = served.postFault(request.body);
      if (!result.ok)
        return reply.code(400).send({ error: result.problems.join('; '), problems: result.problems });
      return reply
        .code(201)
        .header('location', `${CONTROL_PREFIX}/faults/${result.fault.id}`)
        .send(result.fault);
    });

    scope.delete(`${CONTROL_PREFIX}/faults/:id`, async (request, reply) => {
      const { id } = request.params as { id: string };
      const ended = served.faults.end(id);
      if (ended !== null) return ended;
      const known = served.faults.ids();
      return reply.code(404).send({
        error: `no fault "${id}" (${known.length === 0 ? 'none is active or waiting' : `faults now: ${known.join(', ')}`})`,
      });
    });

    scope.delete(`${CONTROL_PREFIX}/faults`, async () => ({ ended: served.faults.endAll() }));

    scope.post(`${CONTROL_PREFIX}/reset`, async () => served.reset());

    scope.get(METRICS_PATH, async (_request, reply) =>
      reply.header('content-type', PROMETHEUS_CONTENT_TYPE).send(served.metrics()),
    );
  };
}
