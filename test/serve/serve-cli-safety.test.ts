/**
 * The command line around serve: safe by default (loopback only; any other address needs a control
 * token, refused with exit 2 before anything binds), bad flags and busy ports as exit 2 with one line
 * naming the flag, a clean stop on SIGTERM and SIGINT within 2 s even with a request hanging in a stall,
 * and --help that explains every flag with an example.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { curl, ensureBuilt, killLeftovers, serveCliExits, startServeCli } from './serve-process.js';

beforeAll(() => ensureBuilt());
afterEach(killLeftovers);

describe('safe by default', () => {
  test('binds 127.0.0.1 unless told otherwise', async () => {
    const server = await startServeCli(['scenarios/seed-incident.yaml', '--port', '0', '--no-faults']);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await server.stop();
  });

  test.each([['0.0.0.0'], ['::'], ['192.168.1.10']])(
    'refuses --host %s without --control-token: exit 2, before binding',
    async (host) => {
      const r = await serveCliExits(['scenarios/seed-incident.yaml', '--host', host, '--port', '0']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--host ${host}: serving beyond this machine needs --control-token`);
      expect(r.stdout).not.toContain('listening');
    },
  );

  test('bad flags and a missing file: exit 2, one line each, no stack trace', async () => {
    const flags = await serveCliExits([
      'scenarios/seed-incident.yaml',
      '--port',
      '70000',
      '--time-scale',
      '0',
    ]);
    expect(flags.code).toBe(2);
    expect(flags.stderr).toContain('--port: expected an integer from 0 to 65535, got 70000');
    expect(flags.stderr).toContain('--time-scale: expected a number > 0, got 0');
    const missing = await serveCliExits(['no-such.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^no-such\.yaml: no such file/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a busy port', () => {
  let holder: Server;
  let port: number;
  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    port = (holder.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  test('is exit 2 naming --port', async () => {
    const r = await serveCliExits(['scenarios/seed-incident.yaml', '--port', String(port)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--port ${port}: already in use on 127.0.0.1`);
  });
});

describe('stopping', () => {
  test.each([['SIGTERM' as const], ['SIGINT' as const]])(
    '%s closes within 2 s, with a request hanging in a stall, exit 0',
    async (signal) => {
      const server = await startServeCli(['scenarios/seed-incident.yaml', '--port', '0', '--no-faults']);
      const stall = await curl([
        '-d',
        '{"kind":"stall","stage":"postgrest","for":"1h"}',
        `${server.url}/__pollstorm/faults`,
      ]);
      expect(stall.status).toBe(201);
      const hanging = curl([`${server.url}/api/prompt-learning/online/jobs`, '-X', 'POST'], 10);
      // Wait until the server holds the request (postgrest's queue), bounded.
      for (let i = 0; i < 50; i++) {
        const state = JSON.parse((await curl([`${server.url}/__pollstorm/state`])).body);
        if (state.stages.postgrest.queued === 1) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const stopped = await server.stop(signal);
      expect(stopped.ms, 'closed within 2 s').toBeLessThan(2000);
      expect(stopped.code, `exit code (stderr: ${server.stderr()})`).toBe(0);
      expect(server.stderr()).toContain(`stopping (${signal})`);
      const h = await hanging;
      expect(h.code, 'the hanging client saw the connection close (not its own 10 s timeout)').not.toBe(28);
    },
  );
});

describe('--help', () => {
  test('explains every flag with an example, and the control API', async () => {
    const r = await serveCliExits(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^pollstorm serve <scenario>/);
    const lines = r.stdout.split('\n');
    for (const flag of ['--host', '--port', '--time-scale', '--faults', '--control-token', '--seed']) {
      const at = lines.findIndex((l) => l.trimStart().startsWith(`${flag} `));
      expect(at, flag).toBeGreaterThanOrEqual(0);
      // The flag's description, with the lines yargs wrapped it onto.
      const end = lines.findIndex((l, i) => i > at && (/^\s+-/.test(l) || l.trim() === ''));
      expect(lines.slice(at, end).join(' '), `${flag} has an example`).toMatch(/e\.g\./);
    }
    expect(r.stdout).toMatch(/Examples:\n\s+pollstorm serve/);
    for (const route of [
      'GET    /__pollstorm/state',
      'POST   /__pollstorm/faults',
      'DELETE /__pollstorm/faults',
      'POST   /__pollstorm/reset',
      'GET    /metrics',
    ])
      expect(r.stdout).toContain(route);
  });
});
