/** Keys on the wire: in the path's parameter, or `?key=` for a path without one; any id maps to a number. */
import { expect, it } from 'vitest';
import { checkRoutes, keyFromWire, keyParam, pathBuilder } from '../../src/adapters/http-routes.js';

it('fills the path parameter with the key, or adds it as a query', () => {
  const events = pathBuilder({ method: 'GET', path: '/api/jobs/:jobId/events', stages: ['a'] });
  expect(events(42)).toBe('/api/jobs/42/events');
  const create = pathBuilder({ method: 'POST', path: '/api/jobs', stages: ['a'] });
  expect(create(7)).toBe('/api/jobs?key=7');
  expect(keyParam('/api/jobs/:jobId/events')).toBe('jobId');
  expect(keyParam('/api/jobs')).toBeNull();
});

it('reads integers as themselves and hashes anything else to a stable number', () => {
  expect(keyFromWire('42')).toBe(42);
  expect(keyFromWire(undefined)).toBe(0);
  const uuid = keyFromWire('b5779d77-fc1a-461f-aeec-fd81391ed6de');
  expect(uuid).toBe(keyFromWire('b5779d77-fc1a-461f-aeec-fd81391ed6de'));
  expect(uuid).not.toBe(keyFromWire('b5779d77-fc1a-461f-aeec-fd81391ed6df'));
  expect(Number.isSafeInteger(uuid) && uuid >= 0).toBe(true);
});

it('refuses two endpoints on one method and path', () => {
  expect(() =>
    checkRoutes({
      a: { method: 'GET', path: '/jobs/:id', stages: ['s'] },
      b: { method: 'GET', path: '/jobs/:jobId', stages: ['s'] },
    }),
  ).toThrow(
    'Failed to serve the backend: endpoints a and b are both GET /jobs/:jobId; give one another path',
  );
});
