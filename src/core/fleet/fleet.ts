/**
 * The Celery side of the incident: a FIFO job queue fed by an arrival process and `workers` processes
 * that each take one job at a time and run its progress poller until the task completes, fails, or
 * crashes the process. Engine-agnostic: time passes through the Scheduler port and requests go out
 * through the Transport port, so the simulator and the live engine run this same code.
 *
 * Modelling choices:
 * - A job's backend work starts when its task starts (or when the task's `create` call succeeds) and
 *   ends `runtime` later; the runtime is drawn from the job's own random stream, so every policy sees the
 *   same job runtimes (common random numbers).
 * - A crash (a failure in `crashOn`) kills the process: with `redeliver` (acks_late) the task goes back to
 *   the queue, otherwise the job is lost; the process restarts after `crash.restartAfter`.
 * - `autoretry`: a task that gave up is re-queued after Celery's countdown, up to `maxRetries` times.
 */
import { driveRequest, type RequestObserver } from '../client/drive.js';
import type { ClientGates } from '../client/gates.js';
import { type AttemptResult, RequestMachine, type RequestOutcome } from '../client/request-machine.js';
import type { Transport } from '../client/transport.js';
import type { FleetStats } from '../metrics/fleet-stats.js';
import { ArrivalProcess } from '../model/arrivals.js';
import { celeryCountdownMs } from '../policy/retry-sleep.js';
import { type Sampler, sampler } from '../random/distributions.js';
import type { Random, RandomSource } from '../random/prng.js';
import type { Scheduler } from '../scheduler.js';
import type { ClientPolicy, Fleet as FleetConfig } from '../scenario/types.js';
import { Poller, type PollerAction } from './poller.js';

export interface Job {
  readonly id: number;
  readonly runtimeMs: number;
  enqueuedAtMs: number;
  /** When the backend work started; NaN until a task started it. */
  startedAtMs: number;
  retries: number;
}

interface Worker {
  readonly id: number;
  alive: boolean;
  job: Job | null;
  readonly gates: ClientGates;
  readonly jitter: Random;
}

export interface FleetHooks {
  /** Observer for poll and create requests (the `poll.*` metrics). */
  requests: RequestObserver;
  /** A logical poll or create request starts. */
  requestStarted(now: number): void;
  /** An ERROR (or other) log line was written. */
  log(now: number, level: 'error' | 'warning' | 'info'): void;
}

export class CeleryFleet {
  private readonly queue: Job[] = [];
  private queueHead = 0;
  private readonly workers: Worker[] = [];
  private readonly runtime: Sampler;
  private readonly arrivals: ArrivalProcess;
  private busy = 0;
  private aliveCount: number;

  constructor(
    private readonly config: FleetConfig,
    private readonly policy: ClientPolicy,
    private readonly sched: Scheduler,
    private readonly transport: Transport,
    private readonly random: RandomSource,
    private readonly stats: FleetStats,
    private readonly hooks: FleetHooks,
    /** Builds one worker's gates (budget, breaker, throttle); a fleet-scoped breaker is shared inside. */
    gatesFor: (worker: number) => ClientGates,
  ) {
    this.runtime = sampler(config.jobs.runtime);
    for (let id = 0; id < config.workers; id++) {
      this.workers.push({ id, alive: true, job: null, gates: gatesFor(id), jitter: random.stream(`worker:${id}:jitter`) });
    }
    this.aliveCount = config.workers;
    this.arrivals = new ArrivalProcess('jobs', config.jobs.arrival, sched, random.stream('fleet:jobs:arrivals'), (now, i) =>
      this.submit(now, i),
    );
  }

  start(): void {
    this.arrivals.start();
  }

  get queued(): number {
    return this.queue.length - this.queueHead;
  }

  get busyWorkers(): number {
    return this.busy;
  }

  /** Jobs submitted but neither completed, failed nor lost. */
  get pending(): number {
    return this.stats.submitted - this.stats.completed - this.stats.failed - this.stats.lost;
  }

  private submit(now: number, index: number): void {
    const runtimeMs = this.runtime(this.random.stream(`job:${index}:runtime`));
    this.stats.submitted++;
    this.enqueue({ id: index, runtimeMs, enqueuedAtMs: now, startedAtMs: Number.NaN, retries: 0 }, now);
  }

  private enqueue(job: Job, now: number): void {
    job.enqueuedAtMs = now;
    this.queue.push(job);
    this.dispatch(now);
  }

  /** Idle live workers take queued jobs, lowest worker id first (Celery's prefetch order is not modelled). */
  private dispatch(now: number): void {
    for (const w of this.workers) {
      if (this.queued === 0) break;
      if (!w.alive || w.job !== null) continue;
      const job = this.queue[this.queueHead++] as Job;
      if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue.splice(0, this.queueHead);
        this.queueHead = 0;
      }
      this.stats.queueWait.record(now - job.enqueuedAtMs);
      this.runTask(w, job, now);
    }
  }

  private runTask(worker: Worker, job: Job, now: number): void {
    worker.job = job;
    this.busy++;
    const withCreate = this.config.create !== undefined;
    if (!withCreate && Number.isNaN(job.startedAtMs)) job.startedAtMs = now;
    const poller = new Poller(this.policy, worker.jitter, withCreate);
    const perform = (actions: PollerAction[]): void => {
      for (const action of actions) {
        switch (action.kind) {
          case 'request':
            this.request(worker, job, action.endpoint, (t, outcome) => {
              if (action.endpoint === 'create' && outcome.kind === 'ok' && Number.isNaN(job.startedAtMs)) job.startedAtMs = t;
              const terminal = !Number.isNaN(job.startedAtMs) && t >= job.startedAtMs + job.runtimeMs;
              perform(poller.result(t, outcome, terminal));
            });
            break;
          case 'log':
            this.stats.log(this.sched.now(), action.level);
            this.hooks.log(this.sched.now(), action.level);
            break;
          case 'sleep':
            this.sched.at(action.untilMs, (t) => perform(poller.wake(t)));
            break;
          case 'done':
            this.taskDone(worker, job, action.outcome, this.sched.now());
            break;
          case 'crash':
            this.crash(worker, job, this.sched.now());
            break;
        }
      }
    };
    perform(poller.start(now));
  }

  private request(
    worker: Worker,
    job: Job,
    endpoint: 'create' | 'poll',
    onDone: (now: number, outcome: RequestOutcome) => void,
  ): void {
    const machine = new RequestMachine(this.policy, worker.gates, worker.jitter);
    const observer = this.hooks.requests;
    const stats = this.stats;
    this.hooks.requestStarted(this.sched.now());
    driveRequest(
      machine,
      {
        endpoint: endpoint === 'create' ? (this.config.create as string) : this.config.endpoint,
        key: job.id,
        timeout: this.policy.timeout,
      },
      this.sched,
      this.transport,
      {
        attemptSent: (now) => observer.attemptSent(now),
        attemptDone: (now: number, result: AttemptResult) => {
          if (result.kind === 'timeout') stats.timeout(now, worker.id);
          observer.attemptDone(now, result);
        },
        done: (now, outcome) => {
          observer.done(now, outcome);
          onDone(now, outcome);
        },
      },
    );
  }

  private taskDone(worker: Worker, job: Job, outcome: 'completed' | 'failed', now: number): void {
    this.release(worker);
    if (outcome === 'completed') {
      this.stats.completed++;
      this.stats.progressLag.record(now - (job.startedAtMs + job.runtimeMs));
    } else {
      const retry = this.config.autoretry;
      if (retry !== undefined && job.retries < retry.maxRetries) {
        const countdownMs = celeryCountdownMs(job.retries, retry.backoffFactorMs, retry.backoffMaxMs, retry.jitter, worker.jitter);
        job.retries++;
        this.stats.retried++;
        this.sched.at(now + countdownMs, (t) => this.enqueue(job, t));
      } else {
        this.stats.failed++;
      }
    }
    this.dispatch(now);
  }

  private crash(worker: Worker, job: Job, now: number): void {
    this.release(worker);
    this.stats.crashes++;
    worker.alive = false;
    this.aliveCount--;
    this.stats.alive(this.aliveCount);
    if (this.config.crash.redeliver) this.enqueue(job, now);
    else this.stats.lost++;
    this.sched.at(now + this.config.crash.restartAfterMs, (t) => {
      worker.alive = true;
      this.aliveCount++;
      this.dispatch(t);
    });
  }

  private release(worker: Worker): void {
    worker.job = null;
    this.busy--;
  }
}
