/**
 * What the poller fleet saw: jobs, the log stream, worker crashes and the error cascade (DESIGN §5
 * `jobs.*`, `logs.*`, `workers.*`, `cascade.*`).
 */
import type { LogLevel } from '../scenario/types.js';
import { LatencyHistogram } from './histogram.js';
import { round, type Metrics } from './run-metrics.js';
import { SlidingDistinctPeak, SlidingPeak } from './sliding.js';

export class FleetStats {
  submitted = 0;
  completed = 0;
  failed = 0;
  lost = 0;
  retried = 0;
  readonly queueWait = new LatencyHistogram();
  readonly progressLag = new LatencyHistogram();
  readonly logs: Record<LogLevel, number> = { error: 0, warning: 0, info: 0 };
  private readonly errorsPerMin = new SlidingPeak(60_000);
  private readonly timeoutsPer10s = new SlidingPeak(10_000);
  private readonly workersTimingOut = new SlidingDistinctPeak(5_000);
  crashes = 0;
  minAlive: number;

  constructor(readonly workers: number) {
    this.minAlive = workers;
  }

  log(now: number, level: LogLevel): void {
    this.logs[level]++;
    if (level === 'error') this.errorsPerMin.add(now);
  }

  /** A poll attempt by `worker` timed out. */
  timeout(now: number, worker: number): void {
    this.timeoutsPer10s.add(now);
    this.workersTimingOut.add(now, worker);
  }

  alive(count: number): void {
    if (count < this.minAlive) this.minAlive = count;
  }

  metrics(out: Metrics, pending: number, durationMs: number): void {
    out['jobs.submitted'] = this.submitted;
    out['jobs.completed'] = this.completed;
    out['jobs.failed'] = this.failed;
    out['jobs.lost'] = this.lost;
    out['jobs.pending'] = pending;
    out['jobs.retried'] = this.retried;
    out['jobs.throughputPerMin'] = round(this.completed / (durationMs / 60_000));
    out['jobs.queueWait.p50'] = round(this.queueWait.percentile(50));
    out['jobs.queueWait.p95'] = round(this.queueWait.percentile(95));
    out['jobs.progressLag.p50'] = round(this.progressLag.percentile(50));
    out['jobs.progressLag.p95'] = round(this.progressLag.percentile(95));
    out['logs.error'] = this.logs.error;
    out['logs.warning'] = this.logs.warning;
    out['logs.info'] = this.logs.info;
    out['logs.errorPeakPerMin'] = this.errorsPerMin.peak;
    out['workers.crashes'] = this.crashes;
    out['workers.minAlive'] = this.minAlive;
    out['cascade.peakTimeoutsPer10s'] = this.timeoutsPer10s.peak;
    out['cascade.peakWorkersTimingOut'] = this.workersTimingOut.peak;
  }
}
