/**
 * The `slowBody` fault, which only real connections can show: while a window is open, responses of the
 * endpoints routed through its stage send their headers at once and then trickle a body of
 * `SLOW_BODY_BYTES` at `bytesPerSec` (scenario time). A trickle keeps a read timeout (the longest wait for
 * the next byte) from firing while a total deadline still does — the difference between requests'
 * `timeout=` and `AbortSignal.timeout`. The backend model is done with the request when the trickle
 * starts: the slot is free, only the wire is slow.
 */
import type { FaultWindow } from '../../core/model/fault-timeline.js';
import type { Scheduler, Timer } from '../../core/scheduler.js';
import type { Fault } from '../../core/scenario/types.js';

/** Bytes in a trickled body: an events page of about this size. */
export const SLOW_BODY_BYTES = 1024;

/** Chunks per scenario second of a trickle: small enough gaps for any read timeout above 50 ms. */
const CHUNKS_PER_SEC = 20;

export class SlowBodyWindows {
  /** stage → open window id → bytes per second. */
  private readonly open = new Map<string, Map<number, number>>();

  constructor(faults: readonly Fault[], windows: readonly FaultWindow[], sched: Scheduler) {
    for (const w of windows) {
      const f = faults[w.fault];
      if (f?.kind !== 'slowBody') continue;
      sched.at(w.startMs, () => {
        let byId = this.open.get(f.stage);
        if (byId === undefined) {
          byId = new Map();
          this.open.set(f.stage, byId);
        }
        byId.set(w.id, f.bytesPerSec);
      });
      sched.at(w.endMs, () => this.open.get(f.stage)?.delete(w.id));
    }
  }

  /** The trickle rate now for a response through these stages (the slowest open window), or null. */
  rateFor(stages: readonly string[]): number | null {
    let rate: number | null = null;
    for (const s of stages) {
      const byId = this.open.get(s);
      if (byId === undefined) continue;
      for (const r of byId.values()) if (rate === null || r < rate) rate = r;
    }
    return rate;
  }
}

/** A body padded to `SLOW_BODY_BYTES`, JSON all the same. */
export function slowBody(json: Record<string, unknown>): Buffer {
  const head = JSON.stringify({ ...json, pad: '' });
  const pad = Math.max(0, SLOW_BODY_BYTES - Buffer.byteLength(head));
  return Buffer.from(JSON.stringify({ ...json, pad: '.'.repeat(pad) }));
}

/**
 * Writes `body` in chunks at `bytesPerSec` of scenario time through the scheduler, then ends. Returns a
 * function that stops the trickle (the client left).
 */
export function trickle(
  body: Uint8Array,
  bytesPerSec: number,
  sched: Scheduler,
  write: (chunk: Uint8Array) => void,
  end: () => void,
): () => void {
  if (!Number.isFinite(bytesPerSec)) {
    write(body);
    end();
    return () => {};
  }
  const chunkBytes = Math.max(1, Math.floor(bytesPerSec / CHUNKS_PER_SEC));
  const periodMs = (chunkBytes / bytesPerSec) * 1000;
  let offset = 0;
  let timer: Timer | null = null;
  const next = (now: number): void => {
    timer = null;
    write(body.subarray(offset, offset + chunkBytes));
    offset += chunkBytes;
    if (offset >= body.length) end();
    else timer = sched.at(now + periodMs, next);
  };
  timer = sched.at(sched.now() + periodMs, next);
  return () => {
    if (timer !== null) sched.cancel(timer);
    timer = null;
  };
}
