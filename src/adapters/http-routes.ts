/**
 * How a scenario endpoint and a resource key travel over HTTP, shared by the fake server (fastify), the
 * mocked one (msw) and the client (undici). The key — a job id — rides in the path's first parameter
 * (`/jobs/:jobId/events` → `/jobs/17/events`); a path without parameters carries it as `?key=17`.
 */
import type { Endpoint } from '../core/scenario/types.js';

const PARAM = /:([A-Za-z_][A-Za-z0-9_]*)/g;

/** The name of the path parameter that carries the key, or null when the key goes in the query. */
export function keyParam(path: string): string | null {
  const m = /:([A-Za-z_][A-Za-z0-9_]*)/.exec(path);
  return m === null ? null : (m[1] as string);
}

/** The request path for one key: every parameter filled with it, or `?key=` when there is none. */
export function pathBuilder(endpoint: Endpoint): (key: number) => string {
  const path = endpoint.path;
  if (keyParam(path) === null) {
    const sep = path.includes('?') ? '&' : '?';
    return (key) => `${path}${sep}key=${key}`;
  }
  const parts = path.split(PARAM);
  // split() with a capturing group alternates literal text and parameter names.
  return (key) => {
    let out = '';
    for (let i = 0; i < parts.length; i++) out += i % 2 === 0 ? parts[i] : String(key);
    return out;
  };
}

/**
 * The model's numeric key for a key seen on the wire: an integer as is, anything else (a UUID, a slug)
 * hashed to a stable 31-bit number (FNV-1a), so caches keyed by job id still work for real ids.
 */
export function keyFromWire(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  let h = 0x811c9dc5;
  for (let i = 0; i < raw.length; i++) {
    h ^= raw.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 1;
}

/** Methods and paths of every endpoint; two endpoints on one method and path cannot both be served. */
export function checkRoutes(endpoints: Record<string, Endpoint>): void {
  const seen = new Map<string, string>();
  for (const [name, e] of Object.entries(endpoints)) {
    const route = `${e.method} ${e.path.replace(PARAM, ':')}`;
    const other = seen.get(route);
    if (other !== undefined)
      throw new Error(
        `Failed to serve the backend: endpoints ${other} and ${name} are both ${e.method} ${e.path}; give one another path`,
      );
    seen.set(route, name);
  }
}
