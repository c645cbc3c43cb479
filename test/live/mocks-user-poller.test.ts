/**
 * How a team tests its own poller with `pollstorm/mocks`: the scenario's backend as msw handlers in the
 * test process (no socket), a PostgREST stall on its clock, and the team's plain `fetch` poller with
 * `AbortSignal.timeout`. In a project that depends on pollstorm the import is
 * `import { createMockBackend } from 'pollstorm/mocks'`.
 *
 * The scenario runs 100× faster than written (timeScale 0.01): the 30 s stall lasts 300 ms of the test,
 * and the poller's 5 s timeout is 50 ms. Times asserted are wall-clock bands, generous on the late side.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import {
  createBackendHandlers,
  createMockBackend,
  type MockBackend,
  type MockScenarioInput,
} from '../../mocks/index.js';

const BASE = 'http://backend.test';
const SCALE = 0.01;

const scenario: MockScenarioInput = {
  name: 'postgrest-stall',
  duration: '10m',
  backend: {
    endpoints: {
      events: {
        method: 'GET',
        path: '/api/prompt-learning/online/jobs/:jobId/events',
        stages: ['api', 'postgrest'],
      },
    },
    stages: {
      api: { concurrency: 40, service: '2ms', downstreamTimeout: '60s' },
      postgrest: { concurrency: 10, service: { dist: 'lognormal', median: '30ms', p99: '400ms' } },
    },
  },
  faults: [{ kind: 'stall', stage: 'postgrest', at: '0s', for: '30s' }],
};

/** The code under test: the team's poller, one request at a time, backing off after a failure. */
async function pollOnce(jobId: string, timeoutMs: number): Promise<'ok' | 'timeout' | 'error'> {
  try {
    const res = await fetch(`${BASE}/api/prompt-learning/online/jobs/${jobId}/events`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.json();
    return res.ok ? 'ok' : 'error';
  } catch (e) {
    return (e as Error).name === 'TimeoutError' ? 'timeout' : 'error';
  }
}

async function pollUntilHealthy(jobId: string): Promise<Array<['ok' | 'timeout' | 'error', number]>> {
  const log: Array<['ok' | 'timeout' | 'error', number]> = [];
  const started = performance.now();
  let backoffMs = 20;
  for (let i = 0; i < 20; i++) {
    const outcome = await pollOnce(jobId, 50);
    log.push([outcome, performance.now() - started]);
    if (outcome === 'ok') return log;
    await new Promise((resolve) => setTimeout(resolve, backoffMs));
    backoffMs = Math.min(backoffMs * 2, 160);
  }
  return log;
}

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let mock: MockBackend | null = null;
afterEach(() => {
  mock?.close();
  mock = null;
});

test('the poller times out through the stall, backs off, and gets through once PostgREST is back', async () => {
  mock = createMockBackend(scenario, { timeScale: SCALE, baseUrl: BASE });
  server.use(...mock.handlers);

  const log = await pollUntilHealthy('b5779d77');

  const outcomes = log.map(([o]) => o);
  expect(outcomes.at(-1), JSON.stringify(log)).toBe('ok');
  expect(
    outcomes.slice(0, -1).every((o) => o === 'timeout'),
    'every poll during the stall timed out',
  ).toBe(true);
  expect(outcomes.length, 'several timeouts before the stall ended').toBeGreaterThanOrEqual(3);
  const okAtMs = (log.at(-1) as [string, number])[1];
  expect(okAtMs, 'not before the 30 s stall (300 ms here) was over').toBeGreaterThanOrEqual(300);
  expect(okAtMs, 'soon after it').toBeLessThan(1000);
  // The API's sync workers kept waiting on PostgREST for clients that had left: wasted work.
  const api = mock.backend.stages.get('api')?.stats;
  // (A timeout that fires just as the stall ends can race its reply: allow that one to be served.)
  expect(api?.abandoned, 'requests finished for nobody').toBeGreaterThanOrEqual(outcomes.length - 2);
  expect(api?.abandoned).toBeLessThanOrEqual(outcomes.length - 1);
});

test('a down backend makes fetch reject as a network error, at once', async () => {
  server.use(
    ...createBackendHandlers(
      { ...scenario, faults: [{ kind: 'down', stage: 'api', at: '0s', for: '1m' }] },
      { timeScale: SCALE, baseUrl: BASE },
    ),
  );
  const started = performance.now();
  const error = await fetch(`${BASE}/api/prompt-learning/online/jobs/7/events`).catch((e: Error) => e);
  expect(error).toBeInstanceOf(TypeError);
  expect(performance.now() - started, 'no wait').toBeLessThan(100);
});
