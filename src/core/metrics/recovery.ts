/**
 * Recovery after the last fault (DESIGN §5): the time from the last fault's end until a trailing 30 s
 * window has a success ratio ≥ 0.95 and a p95 latency ≤ max(2 × pre-fault p95, pre-fault p95 + 100 ms),
 * and keeps having it to the end of the run. A system that never gets there is metastable: the trigger
 * is gone but the overload sustains itself (Bronson et al., HotOS '21; Huang et al., OSDI '22).
 *
 * Windows are evaluated at whole seconds after the fault ends, in constant memory: a ring of 30 one-second
 * slots with running sums.
 */
import { LatencyHistogram } from './histogram.js';
import { LogHistogram } from './log-histogram.js';

const WINDOW_S = 30;
const SLOT_MS = 1000;
export const RECOVERY_SUCCESS_RATIO = 0.95;

interface Slot {
  started: number;
  ended: number;
  ok: number;
  latency: LogHistogram;
}

function emptySlot(): Slot {
  return { started: 0, ended: 0, ok: 0, latency: new LogHistogram() };
}

export interface RecoveryResult {
  recoveryMs: number | null;
  metastable: boolean;
  preFaultP95Ms: number | null;
}

export class RecoveryTracker {
  private readonly preFault = new LatencyHistogram();
  private readonly ring: Slot[] = Array.from({ length: WINDOW_S }, emptySlot);
  private readonly sum = emptySlot();
  /** The second (counted from the fault's end) currently being filled. */
  private second = 0;
  private windowsEvaluated = 0;
  private lastFailingWindow = -1;
  private lastWindowPassed = false;

  constructor(
    /** When the first fault starts and the last ends, or null without faults. */
    private readonly span: { firstStartMs: number; lastEndMs: number } | null,
    private readonly durationMs: number,
  ) {}

  private slotFor(now: number): Slot | null {
    if (this.span === null || now < this.span.lastEndMs) return null;
    const s = Math.floor((now - this.span.lastEndMs) / SLOT_MS);
    while (this.second < s) this.closeSecond();
    return this.ring[s % WINDOW_S] as Slot;
  }

  started(now: number): void {
    const slot = this.slotFor(now);
    if (slot !== null) slot.started++;
  }

  ended(now: number, ok: boolean): void {
    const slot = this.slotFor(now);
    if (slot === null) return;
    slot.ended++;
    if (ok) slot.ok++;
  }

  latency(now: number, ms: number): void {
    if (this.span !== null && now < this.span.firstStartMs) this.preFault.record(ms);
    const slot = this.slotFor(now);
    if (slot !== null) slot.latency.record(ms);
  }

  private closeSecond(): void {
    const s = this.second;
    const slot = this.ring[s % WINDOW_S] as Slot;
    this.sum.started += slot.started;
    this.sum.ended += slot.ended;
    this.sum.ok += slot.ok;
    this.sum.latency.add(slot.latency);
    if (s >= WINDOW_S - 1) this.evaluate(s - (WINDOW_S - 1));
    // Drop the oldest second from the running sums and clear its slot for second s + 1.
    const next = this.ring[(s + 1) % WINDOW_S] as Slot;
    if (s + 1 >= WINDOW_S) {
      this.sum.started -= next.started;
      this.sum.ended -= next.ended;
      this.sum.ok -= next.ok;
      this.sum.latency.add(next.latency, -1);
    }
    next.started = 0;
    next.ended = 0;
    next.ok = 0;
    next.latency.reset();
    this.second++;
  }

  private latencyLimitMs(): number {
    if (this.preFault.count === 0) return Number.POSITIVE_INFINITY;
    const p95 = this.preFault.percentile(95);
    return Math.max(2 * p95, p95 + 100);
  }

  private evaluate(window: number): void {
    const { started, ended, ok, latency } = this.sum;
    let pass: boolean;
    if (ended === 0) pass = started === 0;
    else pass = ok / ended >= RECOVERY_SUCCESS_RATIO && latency.percentile(95) <= this.latencyLimitMs();
    this.windowsEvaluated++;
    if (!pass) this.lastFailingWindow = window;
    this.lastWindowPassed = pass;
  }

  /** Closes every whole second up to the end of the run and reports. */
  finish(): RecoveryResult {
    const preFaultP95Ms = this.preFault.count > 0 ? this.preFault.percentile(95) : null;
    if (this.span === null || this.span.lastEndMs + WINDOW_S * SLOT_MS > this.durationMs) {
      return { recoveryMs: null, metastable: false, preFaultP95Ms };
    }
    const lastSecond = Math.floor((this.durationMs - this.span.lastEndMs) / SLOT_MS);
    while (this.second < lastSecond) this.closeSecond();
    if (this.windowsEvaluated === 0 || !this.lastWindowPassed) {
      return { recoveryMs: null, metastable: true, preFaultP95Ms };
    }
    return { recoveryMs: (this.lastFailingWindow + 1) * SLOT_MS, metastable: false, preFaultP95Ms };
  }
}
