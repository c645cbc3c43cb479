/**
 * What one client population saw: a traffic source, or the fleet's pollers. Attempts are HTTP requests
 * sent (retries included, as k6 counts them); `ok`, `timeouts` and `errors` classify attempts;
 * `rejected` counts what a budget, breaker or throttle refused locally.
 */
import type { AttemptClass } from '../client/request-machine.js';
import { LatencyHistogram } from './histogram.js';

export class ClientStats {
  attempts = 0;
  ok = 0;
  timeouts = 0;
  errors = 0;
  rejected = 0;
  /** Logical requests (polls, page loads) started, succeeded and failed. */
  requests = 0;
  requestsOk = 0;
  requestsFailed = 0;
  /** Latency of successful attempts. */
  readonly latency = new LatencyHistogram();

  attemptDone(cls: AttemptClass, latencyMs: number): void {
    switch (cls) {
      case 'ok':
        this.ok++;
        this.latency.record(latencyMs);
        break;
      case 'timeout':
        this.timeouts++;
        break;
      default:
        this.errors++;
    }
  }
}
