/**
 * A backend stage: `concurrency` slots and a FIFO queue in front of them (a uvicorn thread pool, a
 * PostgREST connection pool). A call takes a slot, is served for a drawn service time, then either answers
 * or — if the endpoint chain goes on — holds its slot while the next stage works (a sync Python thread
 * blocks while PostgREST runs the query).
 *
 * Service disciplines:
 * - `fifo`: every call in service progresses at rate 1; each has its own completion timer.
 * - `processorSharing {cores}`: n calls in service each progress at min(1, cores/n), the textbook model of
 *   a CPU-bound database under load (processor-sharing.ts: a virtual work clock; a call finishes when it
 *   reaches the call's `finishWork`).
 * A `stall` freezes progress for both: remaining work is kept and resumes when the stall ends.
 */
import type { Sampler } from '../random/distributions.js';
import type { Random } from '../random/prng.js';
import type { Scheduler, Timer } from '../scheduler.js';
import type { Stage as StageConfig } from '../scenario/types.js';
import { StageStats } from '../metrics/stage-stats.js';
import { type Call, CallList, DONE, DOWNSTREAM, IN_SERVICE, QUEUED, type Reply } from './call.js';
import { ProcessorSharing } from './processor-sharing.js';

/** The stage's link to its endpoint routing (the backend): what to do when its own service is done. */
export interface StageHost {
  serviceDone(stage: StageRuntime, call: Call, now: number): void;
  reply(call: Call, reply: Reply, now: number): void;
}

interface ActiveLatency {
  id: number;
  sample: Sampler;
  random: Random;
}

interface ActiveErrors {
  id: number;
  status: number;
  rate: number;
  random: Random;
}

export class StageRuntime {
  readonly stats = new StageStats();
  private inflight = 0;
  private readonly queue: Array<Call | null> = [];
  private queueHead = 0;
  private queued = 0;
  /** Calls in their own service, in the order they started (a Set's order, without hashing per request). */
  private readonly inService = new CallList();
  private stallDepth = 0;
  private readonly capacityFaults = new Map<number, number>();
  private capacityLimit: number;
  private readonly latencyFaults: ActiveLatency[] = [];
  private readonly errorFaults: ActiveErrors[] = [];
  private downDepth = 0;
  private readonly cache = new Map<number, number>();
  private readonly ps: ProcessorSharing | null;
  /** The timer for the oldest queued call's queue timeout (see armQueueTimer). */
  private queueTimer: Timer | null = null;

  constructor(
    readonly name: string,
    readonly config: StageConfig,
    private readonly sched: Scheduler,
    private readonly host: StageHost,
    private readonly serviceSample: Sampler,
    private readonly serviceRandom: Random,
  ) {
    this.capacityLimit = config.concurrency;
    this.ps =
      config.sharing.kind === 'processorSharing'
        ? new ProcessorSharing(
            config.sharing.cores,
            sched,
            this.inService,
            () => this.stallDepth > 0,
            (call, now) => this.host.serviceDone(this, call, now),
          )
        : null;
  }

  // ── arrivals ───────────────────────────────────────────────────────────────────────────────────────

  arrive(call: Call, now: number): void {
    this.stats.arrivals++;
    if (this.downDepth > 0) {
      this.stats.refused++;
      call.state = DONE;
      this.host.reply(call, { kind: 'refused' }, now);
      return;
    }
    for (const e of this.errorFaults) {
      if (e.random.next() < e.rate) {
        this.stats.injectedErrors++;
        call.state = DONE;
        this.host.reply(call, { kind: 'response', status: e.status }, now);
        return;
      }
    }
    if (this.canStart() && this.queued === 0) {
      this.start(call, now);
      return;
    }
    if (this.queued >= this.config.queue.limit) {
      this.reject(call, now);
      return;
    }
    this.queue.push(call);
    this.queued++;
    this.stats.setQueued(now, this.queued);
    if (this.queueTimer === null && this.config.queue.timeoutMs !== Number.POSITIVE_INFINITY) this.armQueueTimer();
  }

  /**
   * Queue timeouts: every call waits at most `queue.timeout`, and the queue is FIFO, so the oldest live
   * call always has the earliest deadline. One timer for the head replaces a timer per queued call (which
   * at a few hundred requests per second kept thousands of cancelled timers in the engine's heap).
   */
  private armQueueTimer(): void {
    this.queueTimer = null;
    let i = this.queueHead;
    while (i < this.queue.length && this.queue[i]?.state !== QUEUED) i++;
    const head = this.queue[i];
    if (head == null) return;
    this.queueTimer = this.sched.at(head.arrivedAtMs + this.config.queue.timeoutMs, this.queueTimeouts);
  }

  private queueTimeouts = (now: number): void => {
    const timeoutMs = this.config.queue.timeoutMs;
    for (let i = this.queueHead; i < this.queue.length; i++) {
      const call = this.queue[i];
      if (call == null || call.state !== QUEUED) continue;
      if (call.arrivedAtMs + timeoutMs > now) break;
      call.state = DONE;
      this.leftQueue(now);
      this.reject(call, now);
    }
    this.armQueueTimer();
  };

  private canStart(): boolean {
    return this.stallDepth === 0 && this.inflight < this.capacityLimit;
  }

  private reject(call: Call, now: number): void {
    this.stats.rejected++;
    call.state = DONE;
    if (!call.clientGone) this.host.reply(call, { kind: 'response', status: this.config.queue.status }, now);
  }

  /**
   * A queued call left the queue other than by starting (timed out, cancelled). Its entry stays and is
   * skipped when it reaches the head (the caller moves the call out of the QUEUED state): removal is O(1).
   */
  private leftQueue(now: number): void {
    this.queued--;
    this.stats.setQueued(now, this.queued);
  }

  private dequeue(): Call | null {
    while (this.queueHead < this.queue.length) {
      const call = this.queue[this.queueHead];
      this.queue[this.queueHead++] = null;
      if (call != null && call.state === QUEUED) {
        if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
          this.queue.splice(0, this.queueHead);
          this.queueHead = 0;
        }
        return call;
      }
    }
    return null;
  }

  /** Starts queued calls while slots are free. */
  private pump(now: number): void {
    while (this.queued > 0 && this.canStart()) {
      const call = this.dequeue();
      if (call === null) break;
      this.queued--;
      this.stats.setQueued(now, this.queued);
      this.start(call, now);
    }
  }

  // ── service ────────────────────────────────────────────────────────────────────────────────────────

  private start(call: Call, now: number): void {
    this.stats.wait.record(now - call.arrivedAtMs);
    this.inflight++;
    this.stats.setInflight(now, this.inflight);
    call.state = IN_SERVICE;
    call.startedAtMs = now;
    let serviceMs = this.serviceSample(this.serviceRandom);
    for (const l of this.latencyFaults) serviceMs += l.sample(l.random);
    this.inService.add(call);
    if (this.ps !== null) {
      this.ps.add(call, serviceMs, now);
    } else {
      call.timer = this.sched.at(now + serviceMs, (t) => this.fifoDone(call, t));
    }
  }

  private fifoDone(call: Call, now: number): void {
    call.timer = null;
    this.serviceDone(call, now);
  }

  private serviceDone(call: Call, now: number): void {
    this.inService.delete(call);
    this.host.serviceDone(this, call, now);
  }

  /** Sends a call that finished its own service on to the next stage: it keeps its slot meanwhile. */
  holdForDownstream(call: Call, now: number, timeout: (call: Call, now: number) => void): void {
    call.state = DOWNSTREAM;
    const ms = this.config.downstreamTimeoutMs;
    if (ms !== Number.POSITIVE_INFINITY) call.downstreamTimer = this.sched.at(now + ms, (t) => timeout(call, t));
  }

  /** Ends a call that held a slot: frees it, answers (if anyone still listens) and starts the next. */
  finish(call: Call, reply: Reply, now: number): void {
    if (call.downstreamTimer !== null) {
      this.sched.cancel(call.downstreamTimer);
      call.downstreamTimer = null;
    }
    call.state = DONE;
    this.release(now);
    this.stats.served++;
    if (call.clientGone) {
      this.stats.abandoned++;
      this.stats.wastedMs += now - Math.max(call.abortedAtMs, call.startedAtMs);
    } else {
      this.host.reply(call, reply, now);
    }
    this.pump(now);
  }

  private release(now: number): void {
    this.inflight--;
    this.stats.setInflight(now, this.inflight);
  }

  /**
   * The caller gave up on this call. With `cancelOnClientAbort` the stage drops it (and tells the next
   * stage); otherwise the work goes on and is counted as wasted when it completes.
   */
  clientAbort(call: Call, now: number, abortChild: (child: Call, now: number) => void): void {
    if (call.state === DONE || call.clientGone) return;
    call.abortedAtMs = now;
    if (!this.config.cancelOnClientAbort) return;
    switch (call.state) {
      case QUEUED:
        call.state = DONE;
        this.leftQueue(now);
        this.stats.cancelled++;
        return;
      case IN_SERVICE:
        this.inService.delete(call);
        if (call.timer !== null) this.sched.cancel(call.timer);
        call.timer = null;
        this.ps?.changed(now);
        break;
      case DOWNSTREAM:
        if (call.downstreamTimer !== null) this.sched.cancel(call.downstreamTimer);
        call.downstreamTimer = null;
        if (call.child !== null) abortChild(call.child, now);
        break;
    }
    call.state = DONE;
    this.stats.cancelled++;
    this.release(now);
    this.pump(now);
  }

  // ── caching ────────────────────────────────────────────────────────────────────────────────────────

  cached(key: number, now: number): boolean {
    const expires = this.cache.get(key);
    return expires !== undefined && expires > now;
  }

  store(key: number, now: number): void {
    if (this.config.cache !== undefined) this.cache.set(key, now + this.config.cache.ttlMs);
  }

  // ── faults ─────────────────────────────────────────────────────────────────────────────────────────

  stallStart(now: number): void {
    if (this.stallDepth++ > 0) return;
    if (this.ps !== null) {
      this.ps.changed(now);
      return;
    }
    for (const c of this.inService) {
      if (c.timer !== null) {
        c.remainingMs = c.timer.atMs - now;
        this.sched.cancel(c.timer);
        c.timer = null;
      }
    }
  }

  stallEnd(now: number): void {
    if (--this.stallDepth > 0) return;
    if (this.ps !== null) {
      this.ps.changed(now);
    } else {
      for (const c of this.inService) {
        c.timer = this.sched.at(now + c.remainingMs, (t) => this.fifoDone(c, t));
      }
    }
    this.pump(now);
  }

  capacityStart(id: number, concurrency: number): void {
    this.capacityFaults.set(id, concurrency);
    this.capacityLimit = Math.min(this.config.concurrency, ...this.capacityFaults.values());
  }

  capacityEnd(id: number, now: number): void {
    this.capacityFaults.delete(id);
    this.capacityLimit = Math.min(this.config.concurrency, ...this.capacityFaults.values());
    this.pump(now);
  }

  latencyStart(id: number, sample: Sampler, random: Random): void {
    this.latencyFaults.push({ id, sample, random });
  }

  latencyEnd(id: number): void {
    removeById(this.latencyFaults, id);
  }

  errorsStart(id: number, status: number, rate: number, random: Random): void {
    this.errorFaults.push({ id, status, rate, random });
  }

  errorsEnd(id: number): void {
    removeById(this.errorFaults, id);
  }

  downStart(): void {
    this.downDepth++;
  }

  downEnd(): void {
    this.downDepth--;
  }

  // ── observation ────────────────────────────────────────────────────────────────────────────────────

  get inflightNow(): number {
    return this.inflight;
  }

  get queuedNow(): number {
    return this.queued;
  }

  get stalled(): boolean {
    return this.stallDepth > 0;
  }

  get effectiveConcurrency(): number {
    return this.capacityLimit;
  }
}

function removeById<T extends { id: number }>(list: T[], id: number): void {
  const i = list.findIndex((x) => x.id === id);
  if (i >= 0) list.splice(i, 1);
}
