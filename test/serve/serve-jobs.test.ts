/**
 * Jobs and their payloads, with time handed in (no clock): seeded (the same seed serves the same jobs),
 * runtimes drawn from the stream the simulator's fleet draws job n from, statuses and events by scenario
 * time, bounded memory.
 */
import { describe, expect, test } from 'vitest';
import { createdBody, jobBody, planJob } from '../../src/adapters/serve/job-payloads.js';
import { JobBook, jobProgress, jobStatus } from '../../src/adapters/serve/jobs.js';
import type { Dist } from '../../src/core/random/distributions.js';
import { sampler } from '../../src/core/random/distributions.js';
import { RandomSource } from '../../src/core/random/prng.js';

const RUNTIME: Dist = { dist: 'lognormal', mu: Math.log(180_000), sigma: 0.7 };
const EPOCH = Date.UTC(2026, 0, 1);

function book(seed: number, capacity?: number) {
  return new JobBook(
    RUNTIME,
    new RandomSource(seed),
    (index, runtimeMs, queuedMs) => planJob(seed, index, runtimeMs, queuedMs),
    capacity,
  );
}

describe('jobs', () => {
  test("the same seed makes the same jobs; job n runs as long as the simulator fleet's job n", () => {
    const a = book(42);
    const b = book(42);
    const ja = [a.create(0), a.create(10)];
    const jb = [b.create(0), b.create(10)];
    expect(ja.map((j) => [j.id, j.runtimeMs, j.plan])).toEqual(jb.map((j) => [j.id, j.runtimeMs, j.plan]));
    const fleetDraw = sampler(RUNTIME)(new RandomSource(42).stream('job:1:runtime'));
    expect(ja[1]?.runtimeMs, 'runtime of job 1').toBe(fleetDraw);
    expect(book(43).create(0).id, 'another seed, another id').not.toBe(ja[0]?.id);
  });

  test('queued, running, succeeded by scenario time; progress 0 → 1', () => {
    const job = book(1).create(1000);
    const { queuedMs, runtimeMs } = job;
    expect(queuedMs).toBe(Math.min(2000, runtimeMs * 0.05));
    expect(jobStatus(job, 1000)).toBe('queued');
    expect(jobStatus(job, 1000 + queuedMs)).toBe('running');
    expect(jobProgress(job, 1000 + queuedMs)).toBe(0);
    expect(jobProgress(job, 1000 + queuedMs + (runtimeMs - queuedMs) / 2)).toBeCloseTo(0.5, 9);
    expect(jobStatus(job, 1000 + runtimeMs - 1)).toBe('running');
    expect(jobStatus(job, 1000 + runtimeMs)).toBe('succeeded');
    expect(jobProgress(job, 1000 + runtimeMs + 5)).toBe(1);
  });

  test('events appear as time passes, in sequence; since_seq returns only newer ones', () => {
    const job = book(7).create(0);
    const early = jobBody(job, 0, EPOCH) as { events: Array<{ seq: number; type: string }>; status: string };
    expect(early.status).toBe('queued');
    expect(early.events.map((e) => e.type)).toEqual(['job.created']);
    const done = jobBody(job, job.runtimeMs, EPOCH) as {
      events: Array<{ seq: number; type: string; created_at: string }>;
      last_seq: number;
      finished_at: string;
      progress: number;
    };
    expect(done.events[1]?.type).toBe('job.started');
    expect(done.events.at(-1)?.type).toBe('job.succeeded');
    expect(done.events.map((e) => e.seq)).toEqual(done.events.map((_, i) => i + 1));
    expect(done.progress).toBe(100);
    expect(done.finished_at).toBe(new Date(EPOCH + Math.round(job.runtimeMs)).toISOString());
    const times = done.events.map((e) => Date.parse(e.created_at));
    expect(
      [...times].sort((a, b) => a - b),
      'events in time order',
    ).toEqual(times);
    const newer = jobBody(job, job.runtimeMs, EPOCH, done.last_seq - 2) as { events: Array<{ seq: number }> };
    expect(newer.events.map((e) => e.seq)).toEqual([done.last_seq - 1, done.last_seq]);
    expect(createdBody(job, EPOCH)).toEqual({
      job_id: job.id,
      status: 'queued',
      created_at: new Date(EPOCH).toISOString(),
    });
  });

  test('memory is bounded: past capacity the oldest job is forgotten; a reset never reuses an id', () => {
    const b = book(5, 3);
    const ids = [0, 1, 2, 3].map((t) => b.create(t).id);
    expect(b.size).toBe(3);
    expect(b.get(ids[0] as string), 'the oldest is gone').toBeUndefined();
    expect(b.get(ids[3] as string)).toBeDefined();
    b.clear();
    expect(b.size).toBe(0);
    expect(b.created).toBe(0);
    expect(ids, 'a new job after the reset has a new id').not.toContain(b.create(10).id);
  });
});
