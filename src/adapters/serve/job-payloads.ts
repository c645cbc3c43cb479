/**
 * What a served job looks like on the wire: a prompt-learning job's progress and its events, with
 * realistic text from @faker-js/faker. Everything a job shows is drawn once, when it is created, from a
 * faker seeded with (scenario seed, job index): the same seed serves the same jobs, event for event.
 * Events become visible as scenario time passes; timestamps are the server's start time plus scenario
 * time (so at --time-scale 0.1 a job's minute of events spans six wall seconds).
 */
import { faker } from '@faker-js/faker/locale/en';
import { type Job, jobProgress, jobStatus } from './jobs.js';

export interface PlannedEvent {
  /** When it happens, in ms after the job's creation. */
  atMs: number;
  type: string;
  level: 'info' | 'warning';
  message: string;
  data?: Record<string, unknown>;
}

export interface JobPlan {
  model: string;
  dataset: string;
  worker: string;
  events: PlannedEvent[];
}

const MODELS = [
  'gpt-4.1-mini',
  'gpt-4o-mini',
  'claude-3-5-haiku',
  'llama-3.1-8b-instruct',
  'qwen2.5-7b-instruct',
];

/**
 * A job's id and plan: created, picked up by a worker, a few candidate prompts evaluated (now and then a
 * provider rate limit), done with the best candidate.
 */
export function planJob(
  seed: number,
  index: number,
  runtimeMs: number,
  queuedMs: number,
): { id: string; plan: JobPlan } {
  // faker is one shared instance; seeding right before drawing keeps each job's draws its own.
  faker.seed([seed, index]);
  const id = faker.string.uuid();
  const model = faker.helpers.arrayElement(MODELS);
  const dataset = `${faker.word.adjective()}-${faker.word.noun()}-v${faker.number.int({ min: 1, max: 4 })}`;
  const worker = `celery@${faker.internet.domainWord()}-${faker.string.alphanumeric({ length: 5, casing: 'lower' })}`;
  const candidates = faker.number.int({ min: 3, max: 10 });
  const events: PlannedEvent[] = [
    {
      atMs: 0,
      type: 'job.created',
      level: 'info',
      message: `Prompt-learning job created: ${candidates} candidates for ${model} on ${dataset}`,
      data: { model, dataset, candidates },
    },
    {
      atMs: queuedMs,
      type: 'job.started',
      level: 'info',
      message: `Picked up by ${worker}`,
      data: { worker },
    },
  ];
  const span = runtimeMs - queuedMs;
  const times = Array.from({ length: candidates }, () => faker.number.float({ min: 0.05, max: 0.95 })).sort(
    (a, b) => a - b,
  );
  let best = 0;
  let bestCandidate = 1;
  times.forEach((fraction, k) => {
    const atMs = queuedMs + fraction * span;
    if (faker.number.float() < 0.15) {
      const retryS = faker.number.int({ min: 1, max: 8 });
      events.push({
        atMs,
        type: 'provider.rate_limited',
        level: 'warning',
        message: `${model} answered 429 Too Many Requests; retrying in ${retryS}s`,
        data: { retry_after_s: retryS },
      });
    }
    const accuracy = faker.number.float({ min: 0.55, max: 0.95, fractionDigits: 3 });
    if (accuracy > best) {
      best = accuracy;
      bestCandidate = k + 1;
    }
    events.push({
      atMs,
      type: 'candidate.evaluated',
      level: 'info',
      message: `Candidate ${k + 1}/${candidates} (${faker.hacker.ingverb()} the ${faker.hacker.adjective()} instructions): accuracy ${accuracy.toFixed(3)}, best ${best.toFixed(3)}`,
      data: { candidate: k + 1, accuracy, best_accuracy: best },
    });
  });
  events.push({
    atMs: runtimeMs,
    type: 'job.succeeded',
    level: 'info',
    message: `Done: candidate ${bestCandidate} is best with accuracy ${best.toFixed(3)}`,
    data: { best_candidate: bestCandidate, best_accuracy: best },
  });
  return { id, plan: { model, dataset, worker, events } };
}

/** ISO time of scenario time `ms` on a server started at wall time `epochMs`. */
function iso(epochMs: number, ms: number): string {
  return new Date(epochMs + Math.round(ms)).toISOString();
}

/** The answer to POST: 201 with the new job's id. */
export function createdBody(job: Job<JobPlan>, epochMs: number): Record<string, unknown> {
  return {
    job_id: job.id,
    status: jobStatus(job, job.createdAtMs),
    created_at: iso(epochMs, job.createdAtMs),
  };
}

/**
 * The answer to GET: status, progress in percent, and the events that have happened by `now` with a
 * sequence number above `sinceSeq` (a poller that remembers the last it saw gets only the new ones).
 */
export function jobBody(
  job: Job<JobPlan>,
  now: number,
  epochMs: number,
  sinceSeq = 0,
): Record<string, unknown> {
  const status = jobStatus(job, now);
  const elapsed = now - job.createdAtMs;
  const events: Array<Record<string, unknown>> = [];
  let lastSeq = 0;
  job.plan.events.forEach((e, i) => {
    if (e.atMs > elapsed) return;
    lastSeq = i + 1;
    if (lastSeq <= sinceSeq) return;
    events.push({
      seq: lastSeq,
      type: e.type,
      level: e.level,
      message: e.message,
      created_at: iso(epochMs, job.createdAtMs + e.atMs),
      ...(e.data === undefined ? {} : { data: e.data }),
    });
  });
  return {
    job_id: job.id,
    status,
    progress: Math.round(jobProgress(job, now) * 1000) / 10,
    model: job.plan.model,
    dataset: job.plan.dataset,
    created_at: iso(epochMs, job.createdAtMs),
    started_at: status === 'queued' ? null : iso(epochMs, job.createdAtMs + job.queuedMs),
    finished_at: status === 'succeeded' ? iso(epochMs, job.createdAtMs + job.runtimeMs) : null,
    events,
    last_seq: lastSeq,
  };
}
