/**
 * One request's visit to one stage. A request through an endpoint `[api, postgrest]` is a root call at
 * `api` whose child call visits `postgrest` while the root holds its api slot.
 */
import type { Timer } from '../scheduler.js';
import type { StageRuntime } from './stage.js';

/** What a caller sees: an HTTP status, or a refused connection. */
export type Reply = { kind: 'response'; status: number } | { kind: 'refused' };

export type ReplyHandler = (reply: Reply, now: number) => void;

/** Where a call is: waiting for a slot, being served, holding its slot while the next stage works, done. */
export const QUEUED = 0;
export const IN_SERVICE = 1;
export const DOWNSTREAM = 2;
export const DONE = 3;
export type CallState = typeof QUEUED | typeof IN_SERVICE | typeof DOWNSTREAM | typeof DONE;

export class Call {
  state: CallState = QUEUED;
  startedAtMs = -1;
  /** When the caller gave up; NaN while it is still waiting. */
  abortedAtMs = Number.NaN;
  /** FIFO service completion. */
  timer: Timer | null = null;
  /** FIFO service left when a stall froze the stage. */
  remainingMs = 0;
  /** Processor sharing: the stage's virtual work clock value at which this call's work is done. */
  finishWork = 0;
  child: Call | null = null;
  /** Links of the stage's in-service list (insertion order, O(1) removal). */
  prevInService: Call | null = null;
  nextInService: Call | null = null;
  inService = false;
  downstreamTimer: Timer | null = null;

  constructor(
    /** The endpoint's stage chain. */
    readonly route: readonly StageRuntime[],
    /** Index into the chain: this call visits route[hop]. */
    readonly hop: number,
    readonly key: number,
    readonly arrivedAtMs: number,
    /** The upstream call, or null for the client's own request. */
    readonly parent: Call | null,
    /** For a root call: how the client hears back. */
    readonly onReply: ReplyHandler | null,
  ) {}

  get clientGone(): boolean {
    return !Number.isNaN(this.abortedAtMs);
  }
}

/** An intrusive doubly-linked list of calls: append, remove and iterate in insertion order, no allocation. */
export class CallList {
  private head: Call | null = null;
  private tail: Call | null = null;
  length = 0;

  add(call: Call): void {
    call.inService = true;
    call.prevInService = this.tail;
    call.nextInService = null;
    if (this.tail === null) this.head = call;
    else this.tail.nextInService = call;
    this.tail = call;
    this.length++;
  }

  delete(call: Call): void {
    if (!call.inService) return;
    call.inService = false;
    const { prevInService: prev, nextInService: next } = call;
    if (prev === null) this.head = next;
    else prev.nextInService = next;
    if (next === null) this.tail = prev;
    else next.prevInService = prev;
    call.prevInService = null;
    call.nextInService = null;
    this.length--;
  }

  *[Symbol.iterator](): IterableIterator<Call> {
    for (let c = this.head; c !== null; c = c.nextInService) yield c;
  }
}
