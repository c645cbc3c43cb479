/**
 * The one port through which core models ask for time to pass. The core never reads a clock: every event
 * handler is told `now`, and a model that needs to be woken later asks its engine for a timer. The simulator
 * implements this with a virtual-time heap, the live engine with real (scaled) timers.
 */

/** A pending timer. Cancelling is lazy: the engine skips a cancelled timer when its time comes. */
export interface Timer {
  readonly atMs: number;
  cancelled: boolean;
}

export interface Scheduler {
  /** The current time in ms since the run started. */
  now(): number;
  /** Calls `fn(now)` at `atMs` (never earlier than now). Timers due at the same instant fire in the order set. */
  at(atMs: number, fn: (now: number) => void): Timer;
  cancel(timer: Timer): void;
}
