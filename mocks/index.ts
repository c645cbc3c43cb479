/**
 * `pollstorm/mocks`: the fake slow backend of a scenario as msw request handlers, for a project's own
 * tests of its pollers — the scenario's stages, latencies and faults inside the test process, no sockets.
 *
 *   import { setupServer } from 'msw/node';
 *   import { createBackendHandlers } from 'pollstorm/mocks';
 *
 *   const server = setupServer(...createBackendHandlers(scenario, { timeScale: 0.01, baseUrl: 'http://api.test' }));
 *
 * msw 2 is a peer dependency: install it beside pollstorm.
 */
export {
  createBackendHandlers,
  createMockBackend,
  type MockBackend,
  type MockBackendOptions,
  type MockScenarioInput,
} from '../src/adapters/msw-backend.js';
export { SLOW_BODY_BYTES } from '../src/engine/live/slow-body.js';
