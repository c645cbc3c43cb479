/**
 * `GET /metrics`, fetched with curl from the real server, read by a strict parser of the Prometheus text
 * format: every family has HELP and TYPE before its samples, histograms are cumulative with a +Inf bucket
 * equal to _count, and the numbers say what the clients did (a 201, a 404, a client that gave up during a
 * stall). The parser itself is shown to refuse broken text, so passing it means something.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Family, parsePrometheusText, sampleValue } from './prometheus-parser.js';
import { curl, ensureBuilt, killLeftovers, type ServeProcess, startServeCli } from './serve-process.js';

const JOBS = '/api/prompt-learning/online/jobs';

let server: ServeProcess;
beforeAll(async () => {
  ensureBuilt();
  server = await startServeCli(['scenarios/seed-incident.yaml', '--port', '0', '--no-faults']);
});
afterAll(async () => {
  if (server !== undefined) await server.stop();
  killLeftovers();
});

async function metrics(): Promise<{ families: Map<string, Family>; contentType: string }> {
  const r = await curl(['-D', '-', `${server.url}/metrics`]);
  expect(r.status).toBe(200);
  const [head, ...rest] = r.body.split('\r\n\r\n');
  const contentType = /content-type: ([^\r\n]+)/i.exec(head ?? '')?.[1] ?? '';
  return { families: parsePrometheusText(rest.join('\r\n\r\n')), contentType };
}

describe('/metrics', () => {
  test('is Prometheus text a strict parser accepts, with the counts of what clients did', async () => {
    const created = await curl(['-X', 'POST', `${server.url}${JOBS}`]);
    expect(created.status).toBe(201);
    const id = JSON.parse(created.body).job_id as string;
    expect((await curl([`${server.url}${JOBS}/${id}/events`])).status).toBe(200);
    expect((await curl([`${server.url}${JOBS}/nope/events`])).status).toBe(404);
    const stall = await curl([
      '-d',
      '{"kind":"stall","stage":"postgrest","for":"1h"}',
      `${server.url}/__pollstorm/faults`,
    ]);
    expect(stall.status).toBe(201);
    const gaveUp = await curl([`${server.url}${JOBS}/${id}/events`], 0.5);
    expect(gaveUp.code, 'curl timed out (exit 28)').toBe(28);

    const { families, contentType } = await metrics();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const types = Object.fromEntries([...families.values()].map((f) => [f.name, f.type]));
    expect(types).toMatchObject({
      pollstorm_stage_inflight: 'gauge',
      pollstorm_stage_queue_length: 'gauge',
      pollstorm_stage_served_total: 'counter',
      pollstorm_stage_rejected_total: 'counter',
      pollstorm_stage_abandoned_total: 'counter',
      pollstorm_stage_queue_wait_seconds: 'histogram',
      pollstorm_http_requests_total: 'counter',
      pollstorm_http_request_duration_seconds: 'histogram',
      pollstorm_http_client_aborts_total: 'counter',
    });
    for (const f of families.values()) expect(f.help, `${f.name} has HELP`).toMatch(/\w{3,}/);

    const v = (name: string, labels: Record<string, string> = {}) => sampleValue(families, name, labels);
    expect(v('pollstorm_http_requests_total', { endpoint: 'create', code: '201' }), '201s').toBe(1);
    expect(v('pollstorm_http_requests_total', { endpoint: 'events', code: '200' }), '200s').toBe(1);
    expect(v('pollstorm_http_requests_total', { endpoint: 'events', code: '404' }), '404s').toBe(1);
    expect(v('pollstorm_http_client_aborts_total', { endpoint: 'events' }), 'the client that gave up').toBe(
      1,
    );
    // The stalled poll still holds an api thread while it waits in postgrest's queue (sync Python).
    expect(v('pollstorm_stage_inflight', { stage: 'api' }), 'api in flight').toBe(1);
    expect(v('pollstorm_stage_queue_length', { stage: 'postgrest' }), 'postgrest queue').toBe(1);
    expect(v('pollstorm_stage_stalled', { stage: 'postgrest' })).toBe(1);
    expect(v('pollstorm_fault_active', { id: 'f1', kind: 'stall', target: 'postgrest' })).toBe(1);
    expect(v('pollstorm_stage_served_total', { stage: 'postgrest' }), 'postgrest served').toBe(3);
    expect(
      v('pollstorm_http_request_duration_seconds_count', { endpoint: 'events' }),
      'answered events',
    ).toBe(2);
    expect(v('pollstorm_stage_queue_wait_seconds_count', { stage: 'postgrest' }), 'waits recorded').toBe(3);

    // Reset: faults end, counters and histograms restart from zero, live gauges stay.
    expect((await curl(['-X', 'POST', `${server.url}/__pollstorm/reset`])).status).toBe(200);
    const after = (await metrics()).families;
    const w = (name: string, labels: Record<string, string> = {}) => sampleValue(after, name, labels);
    // The stall ended with the reset: the queued poll starts at once (and is served a few ms later).
    expect(w('pollstorm_stage_queue_length', { stage: 'postgrest' }), 'queue after reset').toBe(0);
    expect(
      w('pollstorm_stage_served_total', { stage: 'postgrest' }),
      'served after reset',
    ).toBeLessThanOrEqual(1);
    expect(w('pollstorm_http_client_aborts_total', { endpoint: 'events' })).toBe(0);
    expect(w('pollstorm_http_requests_total', { endpoint: 'create', code: '201' })).toBeUndefined();
    expect(w('pollstorm_stage_stalled', { stage: 'postgrest' })).toBe(0);
    expect(w('pollstorm_stage_queue_wait_seconds_count', { stage: 'api' }), 'api waits after reset').toBe(0);
    expect(w('pollstorm_jobs_created_total')).toBe(0);
  });
});

describe('the strict parser', () => {
  const ok = '# HELP a_total A.\n# TYPE a_total counter\na_total{x="1"} 3\n';
  test('accepts well-formed text, escapes included', () => {
    const f = parsePrometheusText(
      `${ok}# HELP g G \\\\ h.\n# TYPE g gauge\ng{v="q\\"\\n\\\\"} -1.5e3\ng NaN\n`,
    );
    expect(f.get('g')?.samples[0]?.labels.v).toBe('q"\n\\');
    expect(f.get('g')?.samples[0]?.value).toBe(-1500);
  });
  test.each([
    ['a sample before its TYPE', 'a_total 1\n'],
    ['no final newline', ok.trimEnd()],
    ['a family split in two', `${ok}# TYPE b gauge\nb 1\na_total{x="2"} 1\n`],
    ['a duplicate series', `${ok}a_total{x="1"} 4\n`],
    ['a counter below zero', '# TYPE c_total counter\nc_total -1\n'],
    ['a bad label escape', '# TYPE g gauge\ng{v="\\t"} 1\n'],
    ['a bad value', '# TYPE g gauge\ng one\n'],
    ['a bad name', '# TYPE 9g gauge\n'],
    ['a second TYPE', '# TYPE g gauge\n# TYPE g gauge\n'],
    [
      'buckets that are not cumulative',
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="2"} 1\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 2\n',
    ],
    ['+Inf bucket not _count', '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 3\n'],
    ['no +Inf bucket', '# TYPE h histogram\nh_bucket{le="1"} 2\nh_sum 1\nh_count 2\n'],
  ])('refuses %s', (_, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
