/**
 * With a control token, the control API and /metrics demand `Authorization: Bearer <token>` (401 and a
 * `WWW-Authenticate` challenge otherwise); the scenario's own endpoints stay open, as the backend they
 * stand in for would be. In process, on 127.0.0.1 and an ephemeral port.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadScenarioFile } from '../../src/adapters/scenario-file.js';
import { type RunningServe, startServe } from '../../src/adapters/serve/server.js';

let running: RunningServe;
beforeAll(async () => {
  const r = await loadScenarioFile('scenarios/seed-incident.yaml');
  if (!r.ok) throw new Error(r.problems.join('\n'));
  running = await startServe(r.scenario, { port: 0, faults: false, controlToken: 's3cret' });
});
afterAll(() => running?.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${running.origin}${path}`, { headers, signal: AbortSignal.timeout(5000) });

describe('a control token', () => {
  test.each([
    ['no header', {}],
    ['a wrong token', { authorization: 'Bearer nope' }],
    ['another scheme', { authorization: 'Basic czNjcmV0' }],
  ])('%s: 401 from the control API and /metrics', async (_, headers) => {
    for (const path of ['/__pollstorm/state', '/metrics']) {
      const r = await get(path, headers);
      expect(r.status, path).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await r.json()) as { error: string }).error).toMatch(/Authorization: Bearer/);
    }
    const post = await fetch(`${running.origin}/__pollstorm/faults`, {
      method: 'POST',
      headers,
      body: '{"kind":"stall","stage":"postgrest","for":"1h"}',
      signal: AbortSignal.timeout(5000),
    });
    expect(post.status).toBe(401);
    expect(running.served.faults.list(), 'nothing injected').toEqual([]);
  });

  test('the right token opens the control API and /metrics', async () => {
    const auth = { authorization: 'Bearer s3cret' };
    expect((await get('/__pollstorm/state', auth)).status).toBe(200);
    expect((await get('/metrics', auth)).status).toBe(200);
  });

  test("the scenario's endpoints need no token", async () => {
    const r = await fetch(`${running.origin}/api/prompt-learning/online/jobs`, {
      method: 'POST',
      signal: AbortSignal.timeout(5000),
    });
    expect(r.status).toBe(201);
  });
});
