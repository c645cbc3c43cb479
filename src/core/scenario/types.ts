/**
 * The normalized scenario: what the zod schema produces after units are parsed, defaults filled in and
 * `extends` resolved. Durations are milliseconds (`...Ms`), rates are per second (`...PerSec`).
 * This is the only shape the core and the engines read.
 */
import type { Dist } from '../random/distributions.js';

export interface Scenario {
  name: string;
  description?: string;
  seed: number;
  durationMs: number;
  /** Width of one time-series bucket; chosen from the duration when not given. */
  bucketMs: number;
  backend: Backend;
  workload: Workload;
  faults: Fault[];
  /** Policies compared side by side, in file order. Always at least one (`default`). */
  policies: Record<string, ClientPolicy>;
  thresholds: Record<string, string[]>;
}

export interface Backend {
  endpoints: Record<string, Endpoint>;
  stages: Record<string, Stage>;
}

export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Stage names in call order: stage i holds its slot while stage i+1 works. */
  stages: string[];
}

export interface Stage {
  concurrency: number;
  queue: {
    /** Waiting requests beyond which arrivals are rejected; Infinity when unbounded. */
    limit: number;
    /** Longest wait for a slot before rejection; Infinity when unbounded. */
    timeoutMs: number;
    /** Status answered on rejection (limit or timeout). */
    status: number;
  };
  service: Dist;
  sharing: { kind: 'fifo' } | { kind: 'processorSharing'; cores: number };
  /** How long this stage waits for the next one before answering 504; Infinity when it waits forever. */
  downstreamTimeoutMs: number;
  cancelOnClientAbort: boolean;
  cache?: { ttlMs: number };
}

export type FaultKind = 'latency' | 'stall' | 'capacity' | 'errors' | 'down' | 'load' | 'slowBody';

interface FaultWindow {
  atMs: number;
  forMs: number;
  /** Flapping: the window repeats every `everyMs` from `atMs` ... */
  everyMs?: number;
  /** ... at most `times` times (unbounded: until the run ends). */
  times?: number;
}

export type Fault = FaultWindow &
  (
    | { kind: 'latency'; stage: string; latency: Dist }
    | { kind: 'stall'; stage: string }
    | { kind: 'capacity'; stage: string; concurrency: number }
    | { kind: 'errors'; stage: string; status: number; rate: number }
    | { kind: 'down'; stage: string }
    /** Multiplies the rate of the named open-loop sources (all of them when `sources` is absent). */
    | { kind: 'load'; sources?: string[]; factor: number }
    /** Live engine only: the response body trickles at this many bytes per second. */
    | { kind: 'slowBody'; stage: string; bytesPerSec: number }
  );

export type Arrival =
  | { kind: 'batch'; count: number; atMs: number }
  | { kind: 'constant'; ratePerSec: number; count?: number }
  | { kind: 'poisson'; ratePerSec: number; count?: number }
  /** k6-style ramps: the rate moves linearly to `ratePerSec` over each stage's duration. Poisson arrivals. */
  | { kind: 'stages'; stages: Array<{ durationMs: number; ratePerSec: number }>; startRatePerSec: number };

export interface Workload {
  fleet?: Fleet;
  traffic: Record<string, TrafficSource>;
}

export interface Fleet {
  workers: number;
  /** Endpoint polled for progress. */
  endpoint: string;
  /** Optional endpoint called once per task before polling. */
  create?: string;
  jobs: { arrival: Arrival; runtime: Dist };
  crash: { restartAfterMs: number; redeliver: boolean };
  autoretry?: { maxRetries: number; backoffFactorMs: number; backoffMaxMs: number; jitter: boolean };
}

export interface TrafficSource {
  endpoint: string;
  arrival: Arrival;
  /** Pinned client policy; absent means the policy under test drives this source. */
  client?: ClientPolicy;
  /** Requests carry one of this many keys (for stage caches); default 1000. */
  keys: number;
}

export type FailureKind = 'timeout' | '5xx' | 'refused';

export interface TimeoutPolicy {
  connectMs: number;
  /** Longest wait for the next byte (requests' read timeout). Infinity: none. */
  readMs: number;
  /** Deadline for the whole request (AbortSignal.timeout). Infinity: none. */
  totalMs: number;
}

export type Jitter = 'none' | 'full' | 'equal' | 'decorrelated';

export type Backoff =
  | { kind: 'none' }
  | { kind: 'constant'; delayMs: number }
  | { kind: 'linear'; baseMs: number; stepMs: number; maxMs: number }
  | { kind: 'exponential'; baseMs: number; factor: number; maxMs: number; jitter: Jitter };

export interface RetryPolicy {
  count: number;
  on: FailureKind[];
  /** urllib3 Retry: sleep factor·2^(n−1) before retry n, the first retry at once. Absent: immediate. */
  backoffFactorMs?: number;
  backoff?: Backoff;
}

export type Budget =
  | { kind: 'token-bucket'; maxTokens: number; tokenRatio: number }
  | { kind: 'ratio'; ratio: number; windowMs: number; minPerSec: number };

export type Breaker = (
  | { kind: 'consecutive'; failures: number; halfOpenAfterMs: number }
  | { kind: 'sampling'; threshold: number; windowMs: number; minimumRps: number; halfOpenAfterMs: number }
) & { scope: 'worker' | 'fleet' };

export interface Throttle {
  kind: 'adaptive';
  k: number;
  windowMs: number;
}

export type LogLevel = 'error' | 'warning' | 'info';

export interface ClientPolicy {
  /** Sleep after a successful poll. */
  intervalMs: number;
  timeout: TimeoutPolicy;
  retries: RetryPolicy;
  /** Between failed polls. */
  backoff: Backoff;
  onFailure: {
    log: LogLevel;
    /** With backoff `none`: the wait after a failed poll (default: the interval). */
    retryAfterMs: number;
    /** Give the task up after this many consecutive failed polls (Infinity: never). */
    giveUpAfter: number;
    /** Failures that escape the poller and crash the worker process. */
    crashOn: FailureKind[];
  };
  budget?: Budget;
  breaker?: Breaker;
  throttle?: Throttle;
}
