/**
 * Everything `serve` runs behind its HTTP routes, without the HTTP: the core backend model on the live
 * clock, the faults (the scenario's timeline and the control API's), the jobs, and the counters — with
 * the answers the routes give (job payloads, state, metrics, reset). The fastify side is in server.ts.
 */

import { RandomSource } from '../../core/random/prng.js';
import type { Scenario } from '../../core/scenario/types.js';
import { RealtimeScheduler } from '../../engine/live/scheduler.js';
import { keyParam } from '../http-routes.js';
import { FaultControl, type FaultView } from './fault-control.js';
import { createdBody, type JobPlan, jobBody, planJob } from './job-payloads.js';
import { JobBook, type JobStatus, jobRuntime } from './jobs.js';
import { metricsText } from './metrics-text.js';
import { ObservedBackend } from './observed-backend.js';
import { type PostedFault, parsePostedFault } from './posted-fault.js';
import { StageCounters } from './stage-counters.js';

export interface ServedBackendOptions {
  seed?: number;
  /** Wall ms per scenario ms (default 1). */
  timeScale?: number;
  /** Run the scenario's fault timeline from the start (default true). */
  faults?: boolean;
  /** Wall-clock time of scenario time 0, for timestamps in payloads (default: now). */
  epochMs?: number;
  /** A fault window opened or closed (one line, for the console). */
  onFaultEdge?: (line: string, nowMs: number) => void;
  /** Jobs kept before the oldest is forgotten. */
  jobCapacity?: number;
}

/** What a route answers for a request the model answered: a status and a JSON body. */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export interface RouteInput {
  params: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
}

export class ServedBackend {
  readonly sched: RealtimeScheduler;
  readonly backend: ObservedBackend;
  readonly faults: FaultControl;
  readonly jobs: JobBook<JobPlan>;
  readonly seed: number;
  readonly timeScale: number;
  readonly epochMs: number;
  /** True when the scenario has no POST endpoint: a GET names a job into being instead of a 404. */
  readonly jobsOnFirstRead: boolean;
  private readonly stageCounters: StageCounters;
  private readonly jobParams = new Map<string, string>();

  constructor(
    readonly scenario: Scenario,
    private readonly options: ServedBackendOptions = {},
  ) {
    this.seed = options.seed ?? scenario.seed;
    this.timeScale = options.timeScale ?? 1;
    this.epochMs = options.epochMs ?? Date.now();
    this.sched = new RealtimeScheduler({ timeScale: this.timeScale });
    const random = new RandomSource(this.seed);
    this.backend = new ObservedBackend(scenario.backend, this.sched, random);
    this.stageCounters = new StageCounters(this.backend.stages);
    this.faults = new FaultControl(this.backend, this.sched, random, (line) =>
      options.onFaultEdge?.(line, this.sched.now()),
    );
    this.jobs = new JobBook<JobPlan>(
      jobRuntime(scenario),
      random,
      (index, runtimeMs, queuedMs) => planJob(this.seed, index, runtimeMs, queuedMs),
      options.jobCapacity,
    );
    const endpoints = Object.values(scenario.backend.endpoints);
    this.jobsOnFirstRead = !endpoints.some((e) => e.method === 'POST');
    for (const [name, e] of Object.entries(scenario.backend.endpoints)) {
      const param = keyParam(e.path);
      if (e.method === 'GET' && param !== null) this.jobParams.set(name, param);
    }
  }

  /** Starts the clock (scenario time 0) and, unless turned off, the scenario's fault timeline. */
  start(): void {
    this.sched.start();
    // Held, the clock's Node timers are ref'd: an unref'd setImmediate does not wake an idle event loop,
    // and the model's timers would wait for the next socket event (hundreds of ms). close() lets go.
    this.sched.hold();
    if (this.options.faults !== false) this.faults.timeline(this.scenario.faults, this.scenario.durationMs);
  }

  /** Stops every timer: nothing fires after this. */
  close(): void {
    this.faults.close();
    this.sched.close();
  }

  /** What kind of job endpoint this is, for the startup listing. */
  role(endpoint: string): 'create' | 'read' | null {
    const e = this.scenario.backend.endpoints[endpoint];
    if (e?.method === 'POST') return 'create';
    return this.jobParams.has(endpoint) ? 'read' : null;
  }

  // ── the scenario's endpoints ───────────────────────────────────────────────────────────────────────

  /**
   * The answer to a request the model answered with `status`, or null for the plain default body. Job
   * payloads are built only for a 2xx: an error the model chose (a 504 from the queue) stays that error.
   */
  respond(endpoint: string, input: RouteInput, status: number): Answer | null {
    const answer = status < 300 ? this.jobAnswer(endpoint, input) : null;
    this.backend.endpointStats.get(endpoint)?.countStatus(answer?.status ?? status);
    return answer;
  }

  private jobAnswer(endpoint: string, input: RouteInput): Answer | null {
    const now = this.sched.now();
    if (this.role(endpoint) === 'create') {
      return { status: 201, body: createdBody(this.jobs.create(now), this.epochMs) };
    }
    const param = this.jobParams.get(endpoint);
    if (param === undefined) return null;
    const id = input.params[param] ?? '';
    const job = this.jobs.get(id) ?? (this.jobsOnFirstRead ? this.jobs.create(now, id) : undefined);
    if (job === undefined) return { status: 404, body: { detail: 'Job not found', job_id: id } };
    const since = Number(input.query.since_seq ?? 0);
    return { status: 200, body: jobBody(job, now, this.epochMs, Number.isFinite(since) ? since : 0) };
  }

  // ── the control API ────────────────────────────────────────────────────────────────────────────────

  postFault(body: unknown): { ok: true; fault: FaultView } | Extract<PostedFault, { ok: false }> {
    const parsed = parsePostedFault(body, this.scenario);
    if (!parsed.ok) return parsed;
    return { ok: true, fault: this.faults.post(parsed.fault) };
  }

  /** Ends every fault, zeroes the counters and forgets the jobs. Requests in flight stay in flight. */
  reset(): { faultsEnded: number; jobsForgotten: number } {
    const faultsEnded = this.faults.endAll();
    const jobsForgotten = this.jobs.size;
    this.jobs.clear();
    this.stageCounters.reset();
    for (const s of this.backend.endpointStats.values()) s.reset();
    this.faults.windowsOpened = 0;
    return { faultsEnded, jobsForgotten };
  }

  state(): Record<string, unknown> {
    const now = this.sched.now();
    const stages: Record<string, unknown> = {};
    for (const [name, stage] of this.backend.stages) {
      const c = this.stageCounters.since(name);
      stages[name] = {
        concurrency: stage.config.concurrency,
        effectiveConcurrency: stage.effectiveConcurrency,
        stalled: stage.stalled,
        inflight: stage.inflightNow,
        queued: stage.queuedNow,
        arrivals: c.arrivals,
        served: c.served,
        rejected: c.rejected,
        abandoned: c.abandoned,
        refused: c.refused,
        injectedErrors: c.injectedErrors,
        wastedMs: Math.round(c.wastedMs),
        meanWaitMs: c.waitCount > 0 ? Math.round((c.waitSumMs / c.waitCount) * 1000) / 1000 : 0,
      };
    }
    const endpoints: Record<string, unknown> = {};
    for (const [name, e] of Object.entries(this.scenario.backend.endpoints)) {
      const s = this.backend.endpointStats.get(name);
      if (s === undefined) continue;
      endpoints[name] = {
        method: e.method,
        path: e.path,
        requests: s.requests,
        inflight: s.inflight,
        statuses: Object.fromEntries(
          [...s.statuses].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v]),
        ),
        refused: s.refused,
        clientAborts: s.clientAborts,
      };
    }
    const byStatus: Record<JobStatus, number> = this.jobs.countByStatus(now);
    return {
      scenario: this.scenario.name,
      seed: this.seed,
      timeScale: this.timeScale,
      uptimeMs: Math.round(now),
      stages,
      faults: this.faults.list(now),
      endpoints,
      jobs: { created: this.jobs.created, known: this.jobs.size, ...byStatus },
    };
  }

  metrics(): string {
    return metricsText({
      nowMs: this.sched.now(),
      timeScale: this.timeScale,
      stages: this.backend.stages,
      stageCounts: (name) => this.stageCounters.since(name),
      endpoints: this.scenario.backend.endpoints,
      endpointStats: this.backend.endpointStats,
      faults: this.faults.list(),
      jobsCreated: this.jobs.created,
      jobsByStatus: this.jobs.countByStatus(this.sched.now()),
    });
  }
}
