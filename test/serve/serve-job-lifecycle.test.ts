/**
 * A job's life as curl sees it: created, queued, running with growing progress and events, then
 * `succeeded` once its runtime has passed in scenario time (here 2 s at --time-scale 0.25: half a wall
 * second). `since_seq` returns only newer events. A scenario without a POST endpoint makes a job of any id
 * on its first read. Polls are bounded in count and time.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { write } from '../cli/cli.js';
import { curl, ensureBuilt, killLeftovers, removeTempDirs, startServeCli, tempDir } from './serve-process.js';

function scenario(endpoints: string): string {
  return `name: short-jobs
seed: 3
duration: 10m
backend:
  endpoints:
${endpoints}
  stages:
    api: { concurrency: 4, service: 20ms }
workload:
  fleet: { workers: 1, endpoint: events, jobs: { arrival: { kind: batch, count: 1 }, runtime: 2s } }
`;
}

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
});
afterAll(() => {
  killLeftovers();
  removeTempDirs();
});

interface JobBody {
  job_id: string;
  status: string;
  progress: number;
  finished_at: string | null;
  events: Array<{ seq: number; type: string; created_at: string }>;
  last_seq: number;
}

describe('a job over its runtime', () => {
  test('queued or running, then succeeded with progress 100 and a last job.succeeded event', async () => {
    const path = write(
      dir,
      'short.yaml',
      scenario(`    create: { method: POST, path: /jobs, stages: [api] }
    events: { method: GET, path: /jobs/:jobId/events, stages: [api] }`),
    );
    const server = await startServeCli([path, '--port', '0', '--time-scale', '0.25']);
    try {
      const created = await curl([
        '-X',
        'POST',
        '-H',
        'content-type: application/json',
        '--data',
        '{"name":"x"}',
        `${server.url}/jobs`,
      ]);
      expect(created.status).toBe(201);
      const id = JSON.parse(created.body).job_id as string;
      const seen: JobBody[] = [];
      const t0 = performance.now();
      for (let i = 0; i < 40 && performance.now() - t0 < 5000; i++) {
        const r = await curl([`${server.url}/jobs/${id}/events`]);
        expect(r.status).toBe(200);
        const body = JSON.parse(r.body) as JobBody;
        seen.push(body);
        if (body.status === 'succeeded') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const statuses = [...new Set(seen.map((b) => b.status))];
      expect(statuses.at(-1), 'terminal').toBe('succeeded');
      expect(
        statuses.slice(0, -1).every((s) => s === 'queued' || s === 'running'),
        statuses.join(),
      ).toBe(true);
      const progress = seen.map((b) => b.progress);
      expect(
        [...progress].sort((a, b) => a - b),
        'progress never goes back',
      ).toEqual(progress);
      const last = seen.at(-1) as JobBody;
      expect(last.progress).toBe(100);
      expect(last.finished_at).not.toBeNull();
      expect(last.events.at(-1)?.type).toBe('job.succeeded');
      expect(last.events.map((e) => e.seq)).toEqual(last.events.map((_, i) => i + 1));
      // Only the events after a sequence number.
      const since = JSON.parse(
        (await curl([`${server.url}/jobs/${id}/events?since_seq=${last.last_seq - 1}`])).body,
      );
      expect(since.events.map((e: { seq: number }) => e.seq)).toEqual([last.last_seq]);
      // The scenario's runtime is fixed at 2 s: created_at to finished_at is 2 s of scenario time.
      const created_at = Date.parse(since.created_at);
      expect(Date.parse(last.finished_at as string) - created_at).toBe(2000);
    } finally {
      await server.stop();
    }
  });

  test('without a POST endpoint, a GET makes a job of any id on first read', async () => {
    const path = write(
      dir,
      'read-only.yaml',
      scenario('    events: { method: GET, path: /jobs/:jobId/events, stages: [api] }'),
    );
    const server = await startServeCli([path, '--port', '0']);
    try {
      const r = await curl([`${server.url}/jobs/17/events`]);
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toMatchObject({ job_id: '17', status: 'queued' });
      expect(server.stdout()).toContain('any id: a job is made on first read');
    } finally {
      await server.stop();
    }
  });
});
