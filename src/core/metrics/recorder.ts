/**
 * Everything one run records, in constant memory: per-client stats, the time series and the recovery
 * analysis. Engines hand it events through `observer(client)`; `metrics()` flattens it into the dotted
 * metric names of DESIGN §5.
 */
import type { RequestObserver } from '../client/drive.js';
import { type AttemptResult, classify, type RequestOutcome } from '../client/request-machine.js';
import { ClientStats } from './client-stats.js';
import { RecoveryTracker } from './recovery.js';
import { SeriesRecorder } from './series.js';

/** Series counters every run has; their indexes are the constants below. */
export const SERIES_COUNTERS = ['attempts', 'ok', 'timeouts', 'errors', 'rejected'] as const;
const ATTEMPTS = 0;
const OK = 1;
const TIMEOUTS = 2;
const ERRORS = 3;
const REJECTED = 4;

export class RunRecorder {
  readonly clients = new Map<string, ClientStats>();
  readonly series: SeriesRecorder;
  readonly recovery: RecoveryTracker;

  constructor(
    bucketMs: number,
    durationMs: number,
    faultSpan: { firstStartMs: number; lastEndMs: number } | null,
    extraCounters: readonly string[] = [],
  ) {
    this.series = new SeriesRecorder(bucketMs, [...SERIES_COUNTERS, ...extraCounters]);
    this.recovery = new RecoveryTracker(faultSpan, durationMs);
  }

  client(name: string): ClientStats {
    let stats = this.clients.get(name);
    if (stats === undefined) {
      stats = new ClientStats();
      this.clients.set(name, stats);
    }
    return stats;
  }

  /** An observer for the requests of one client population (`poll` or a traffic source's name). */
  observer(name: string): RequestObserver {
    const stats = this.client(name);
    const series = this.series;
    const recovery = this.recovery;
    return {
      attemptSent(now) {
        stats.attempts++;
        series.count(now, ATTEMPTS);
      },
      attemptDone(now: number, result: AttemptResult) {
        const cls = classify(result);
        stats.attemptDone(cls, result.latencyMs);
        if (cls === 'ok') {
          series.count(now, OK);
          series.latencyOk(now, result.latencyMs);
          recovery.latency(now, result.latencyMs);
        } else {
          series.count(now, cls === 'timeout' ? TIMEOUTS : ERRORS);
        }
      },
      done(now: number, outcome: RequestOutcome) {
        const ok = outcome.kind === 'ok';
        if (ok) stats.requestsOk++;
        else stats.requestsFailed++;
        if (outcome.kind === 'rejected' || (outcome.kind === 'failed' && outcome.retryDenied)) {
          stats.rejected++;
          series.count(now, REJECTED);
        }
        recovery.ended(now, ok);
      },
    };
  }

  /** A logical request (a poll, a page load) started: recovery needs to tell a silent window from a dead one. */
  requestStarted(name: string, now: number): void {
    this.client(name).requests++;
    this.recovery.started(now);
  }
}
