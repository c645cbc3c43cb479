/**
 * The simulator's transport: an attempt goes straight into the backend model. Connections are instant and
 * bodies arrive with their headers, so the read timeout (time to the next byte) and the total deadline
 * both bound the wait for the reply; whichever is shorter fires, and the backend is told the client left.
 * A refused connection fails at once.
 */
import type { AttemptResult } from '../../core/client/request-machine.js';
import type { Transport } from '../../core/client/transport.js';
import type { Backend } from '../../core/model/backend.js';
import type { Reply } from '../../core/model/call.js';
import type { Timer } from '../../core/scheduler.js';
import type { TimeoutPolicy } from '../../core/scenario/types.js';
import type { SimKernel } from './kernel.js';

export class SimTransport implements Transport {
  constructor(
    private readonly backend: Backend,
    private readonly sched: SimKernel,
  ) {}


  send(endpoint: string, key: number, timeout: TimeoutPolicy, onResult: (now: number, r: AttemptResult) => void): void {
    const sentAt = this.sched.now();
    let settled = false;
    let timer: Timer | null = null;
    const call = this.backend.request(endpoint, key, (reply: Reply, now: number) => {
      if (settled) return;
      settled = true;
      if (timer !== null) this.sched.cancel(timer);
      const latencyMs = now - sentAt;
      onResult(
        now,
        reply.kind === 'refused' ? { kind: 'refused', latencyMs } : { kind: 'response', status: reply.status, latencyMs },
      );
    });
    if (settled) return;
    const readFirst = timeout.readMs <= timeout.totalMs;
    const limit = readFirst ? timeout.readMs : timeout.totalMs;
    if (limit === Number.POSITIVE_INFINITY) return;
    timer = this.sched.at(sentAt + limit, (now) => {
      if (settled) return;
      settled = true;
      this.backend.abort(call);
      onResult(now, { kind: 'timeout', which: readFirst ? 'read' : 'total', latencyMs: now - sentAt });
    });
  }
}
