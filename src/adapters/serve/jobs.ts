/**
 * The jobs a served backend knows: created by its POST endpoints, read by its GET endpoints. A job's
 * runtime is drawn from the scenario fleet's `jobs.runtime` from the stream `job:<n>:runtime` — the
 * stream the simulator's fleet draws job n from — so serve's n-th job runs as long as the simulator's.
 * Time is scenario time, handed in: this file reads no clock.
 *
 * A job is `queued` for a moment (a Celery worker picking it up), then `running`, and `succeeded` once its
 * runtime has elapsed from its creation. Memory is bounded: past `capacity` jobs the oldest is forgotten
 * (and answers 404 like any unknown job).
 */
import {
  type Dist,
  lognormalFromPercentile,
  type Sampler,
  sampler,
  Z95,
} from '../../core/random/distributions.js';
import type { RandomSource } from '../../core/random/prng.js';
import type { Scenario } from '../../core/scenario/types.js';

export type JobStatus = 'queued' | 'running' | 'succeeded';

export interface Job<Plan> {
  id: string;
  /** Creation order, from 0; never reused, not even after a reset. */
  index: number;
  createdAtMs: number;
  /** How long it waits for a worker, within its runtime. */
  queuedMs: number;
  /** From creation to its terminal state. */
  runtimeMs: number;
  /** What the payloads show (events, worker name), drawn once at creation. */
  plan: Plan;
}

/** A job's runtime when the scenario has no fleet: about half a minute, a long tail to a few minutes. */
export const DEFAULT_JOB_RUNTIME: Dist = lognormalFromPercentile(30_000, 120_000, Z95);

/** The longest a new job waits for a worker: the queued phase is 5% of its runtime, at most this. */
const MAX_QUEUED_MS = 2000;

export const DEFAULT_JOB_CAPACITY = 100_000;

export function jobRuntime(scenario: Scenario): Dist {
  return scenario.workload.fleet?.jobs.runtime ?? DEFAULT_JOB_RUNTIME;
}

export class JobBook<Plan> {
  private readonly jobs = new Map<string, Job<Plan>>();
  private readonly sample: Sampler;
  private nextIndex = 0;
  created = 0;

  constructor(
    runtime: Dist,
    private readonly random: RandomSource,
    /** Draws a job's id and payload plan from its index (seeded: the same index, the same job). */
    private readonly planFor: (
      index: number,
      runtimeMs: number,
      queuedMs: number,
    ) => { id: string; plan: Plan },
    private readonly capacity = DEFAULT_JOB_CAPACITY,
  ) {
    this.sample = sampler(runtime);
  }

  /** A new job created at `now`; `id` names it (a job first seen by its id), else the plan does. */
  create(now: number, id?: string): Job<Plan> {
    const index = this.nextIndex++;
    const runtimeMs = Math.max(1, this.sample(this.random.stream(`job:${index}:runtime`)));
    const queuedMs = Math.min(MAX_QUEUED_MS, runtimeMs * 0.05);
    const planned = this.planFor(index, runtimeMs, queuedMs);
    const job: Job<Plan> = {
      id: id ?? planned.id,
      index,
      createdAtMs: now,
      queuedMs,
      runtimeMs,
      plan: planned.plan,
    };
    this.jobs.set(job.id, job);
    this.created++;
    if (this.jobs.size > this.capacity) {
      const oldest = this.jobs.keys().next();
      if (!oldest.done) this.jobs.delete(oldest.value);
    }
    return job;
  }

  get(id: string): Job<Plan> | undefined {
    return this.jobs.get(id);
  }

  get size(): number {
    return this.jobs.size;
  }

  /** Forgets every job and zeroes the count; indexes go on, so no id comes back. */
  clear(): void {
    this.jobs.clear();
    this.created = 0;
  }

  /** Jobs known now, by status. */
  countByStatus(now: number): Record<JobStatus, number> {
    const counts: Record<JobStatus, number> = { queued: 0, running: 0, succeeded: 0 };
    for (const job of this.jobs.values()) counts[jobStatus(job, now)]++;
    return counts;
  }
}

export function jobStatus(job: Job<unknown>, now: number): JobStatus {
  const elapsed = now - job.createdAtMs;
  if (elapsed >= job.runtimeMs) return 'succeeded';
  return elapsed < job.queuedMs ? 'queued' : 'running';
}

/** Fraction of the work done, 0 to 1: 0 while queued, 1 once succeeded. */
export function jobProgress(job: Job<unknown>, now: number): number {
  const running = now - job.createdAtMs - job.queuedMs;
  const span = job.runtimeMs - job.queuedMs;
  if (running <= 0) return 0;
  return span <= 0 ? 1 : Math.min(1, running / span);
}
