/**
 * The fake backend: endpoints routed through chains of stages. It is a state machine driven by three kinds
 * of events — a request arrives, a timer fires (through the Scheduler port), a client gives up — and its
 * only output is the reply handed back to the caller. Both engines drive this same object: the simulator
 * from virtual time, the live engine from a fastify route and real timers.
 */
import { type Sampler, sampler } from '../random/distributions.js';
import type { RandomSource } from '../random/prng.js';
import type { Scheduler } from '../scheduler.js';
import type { Backend as BackendConfig, Endpoint } from '../scenario/types.js';
import { Call, DOWNSTREAM, type Reply, type ReplyHandler } from './call.js';
import { type StageHost, StageRuntime } from './stage.js';

/** Status a stage answers when the next stage refused its connection (the database is down). */
export const BAD_GATEWAY = 502;
/** Status a stage answers when the next stage took longer than `downstreamTimeout`. */
export const GATEWAY_TIMEOUT = 504;


export class Backend implements StageHost {
  readonly stages = new Map<string, StageRuntime>();
  private readonly routes = new Map<string, readonly StageRuntime[]>();
  readonly endpoints: Record<string, Endpoint>;

  constructor(
    config: BackendConfig,
    private readonly sched: Scheduler,
    random: RandomSource,
  ) {
    this.endpoints = config.endpoints;
    for (const [name, stage] of Object.entries(config.stages)) {
      const sample: Sampler = sampler(stage.service);
      this.stages.set(name, new StageRuntime(name, stage, sched, this, sample, random.stream(`stage:${name}:service`)));
    }
    for (const [name, endpoint] of Object.entries(config.endpoints)) {
      const stages = endpoint.stages.map((s) => {
        const runtime = this.stages.get(s);
        if (runtime === undefined) throw new Error(`Failed to build endpoint ${name}: stage ${s} is not defined`);
        return runtime;
      });
      this.routes.set(name, stages);
    }
  }

  /**
   * A client request for `endpoint` arrives now. `key` identifies the resource (a job id) for caches.
   * The returned call is the handle to pass to `abort` when the client gives up.
   */
  request(endpoint: string, key: number, onReply: ReplyHandler): Call {
    const route = this.routes.get(endpoint);
    if (route === undefined) throw new Error(`Failed to route request: endpoint ${endpoint} is not defined`);
    const now = this.sched.now();
    const call = new Call(route, 0, key, now, null, onReply);
    (route[0] as StageRuntime).arrive(call, now);
    return call;
  }

  /** The client gave up on a request (read timeout, deadline, disconnect). */
  abort(call: Call): void {
    this.abortCall(call, this.sched.now());
  }

  private abortCall = (call: Call, now: number): void => {
    (call.route[call.hop] as StageRuntime).clientAbort(call, now, this.abortCall);
  };

  // ── StageHost ──────────────────────────────────────────────────────────────────────────────────────

  serviceDone(stage: StageRuntime, call: Call, now: number): void {
    const nextStage = call.route[call.hop + 1];
    if (nextStage === undefined || (stage.config.cache !== undefined && stage.cached(call.key, now))) {
      stage.finish(call, OK, now);
      return;
    }
    stage.holdForDownstream(call, now, this.downstreamTimeout);
    const child = new Call(call.route, call.hop + 1, call.key, now, call, null);
    call.child = child;
    nextStage.arrive(child, now);
  }

  private downstreamTimeout = (call: Call, now: number): void => {
    if (call.state !== DOWNSTREAM) return;
    call.downstreamTimer = null;
    if (call.child !== null) this.abortCall(call.child, now);
    (call.route[call.hop] as StageRuntime).finish(call, { kind: 'response', status: GATEWAY_TIMEOUT }, now);
  };

  reply(call: Call, reply: Reply, now: number): void {
    const parent = call.parent;
    if (parent === null) {
      (call.onReply as ReplyHandler)(reply, now);
      return;
    }
    // The upstream stage already answered 504 or dropped the call: this reply has no one to go to.
    if (parent.state !== DOWNSTREAM) return;
    const stage = parent.route[parent.hop] as StageRuntime;
    const upstream: Reply = reply.kind === 'refused' ? { kind: 'response', status: BAD_GATEWAY } : reply;
    if (upstream.kind === 'response' && upstream.status < 300) stage.store(parent.key, now);
    stage.finish(parent, upstream, now);
  }
}

const OK: Reply = { kind: 'response', status: 200 };
