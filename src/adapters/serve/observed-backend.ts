/**
 * The core backend, watched from the outside for serve's counters: per endpoint, the requests that came
 * in, those still waiting, refused connections (a `down` fault), clients that gave up first, and how long
 * the model took to answer. A subclass rather than a change to the model: the routes call `request` and
 * `abort` as they would on any Backend.
 */
import { Backend } from '../../core/model/backend.js';
import type { Call, ReplyHandler } from '../../core/model/call.js';
import type { RandomSource } from '../../core/random/prng.js';
import type { Backend as BackendConfig } from '../../core/scenario/types.js';
import type { Scheduler } from '../../core/scheduler.js';
import { PromHistogram } from './prometheus.js';

export class EndpointStats {
  requests = 0;
  /** A live gauge: a reset leaves it alone. */
  inflight = 0;
  refused = 0;
  clientAborts = 0;
  /** Responses by the status that went on the wire (after serve's own 404s and 201s). */
  readonly statuses = new Map<number, number>();
  latency = new PromHistogram();

  countStatus(status: number): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  reset(): void {
    this.requests = 0;
    this.refused = 0;
    this.clientAborts = 0;
    this.statuses.clear();
    this.latency = new PromHistogram();
  }
}

export class ObservedBackend extends Backend {
  readonly endpointStats = new Map<string, EndpointStats>();
  /** Calls still waiting for the model, and whose counters they belong to. */
  private readonly waiting = new WeakMap<Call, EndpointStats>();

  constructor(
    config: BackendConfig,
    private readonly clock: Scheduler,
    random: RandomSource,
  ) {
    super(config, clock, random);
    for (const name of Object.keys(config.endpoints)) this.endpointStats.set(name, new EndpointStats());
  }

  override request(endpoint: string, key: number, onReply: ReplyHandler): Call {
    const stats = this.endpointStats.get(endpoint) as EndpointStats;
    stats.requests++;
    stats.inflight++;
    const arrivedAtMs = this.clock.now();
    let answered = false;
    let call: Call | null = null;
    call = super.request(endpoint, key, (reply, now) => {
      answered = true;
      stats.inflight--;
      if (call !== null) this.waiting.delete(call);
      if (reply.kind === 'refused') stats.refused++;
      else stats.latency.record(now - arrivedAtMs);
      onReply(reply, now);
    });
    // A down stage or an injected error answers before request() returns.
    if (!answered) this.waiting.set(call, stats);
    return call;
  }

  override abort(call: Call): void {
    const stats = this.waiting.get(call);
    if (stats !== undefined) {
      this.waiting.delete(call);
      stats.inflight--;
      stats.clientAborts++;
    }
    super.abort(call);
  }
}
