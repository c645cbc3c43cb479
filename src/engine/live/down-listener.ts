/**
 * The `down` fault on the wire. The backend model already refuses every request that reaches a down
 * stage (the server then drops the connection, or the stage before it answers 502). When the down stage
 * is the one every endpoint enters first, the whole backend is down — a process restarting — so the
 * listener closes too: new connections are refused by the kernel (ECONNREFUSED), idle keep-alive
 * connections are closed, requests already in flight finish. The listener opens again when the last
 * overlapping window ends.
 */
import type { FaultWindow } from '../../core/model/fault-timeline.js';
import type { Scheduler } from '../../core/scheduler.js';
import type { Backend, Fault } from '../../core/scenario/types.js';

export interface Listener {
  setAccepting(accept: boolean): Promise<void>;
}

/** The stage every endpoint enters first, or null when endpoints start at different stages. */
export function frontStage(backend: Backend): string | null {
  const firsts = new Set(Object.values(backend.endpoints).map((e) => e.stages[0]));
  return firsts.size === 1 ? ([...firsts][0] ?? null) : null;
}

export function scheduleListenerDowns(
  faults: readonly Fault[],
  windows: readonly FaultWindow[],
  backend: Backend,
  sched: Scheduler,
  listener: Listener,
  onError: (e: Error) => void,
): void {
  const front = frontStage(backend);
  if (front === null) return;
  let depth = 0;
  const set = (accept: boolean): void => {
    listener.setAccepting(accept).catch(onError);
  };
  for (const w of windows) {
    const f = faults[w.fault];
    if (f?.kind !== 'down' || f.stage !== front) continue;
    sched.at(w.startMs, () => {
      if (depth++ === 0) set(false);
    });
    sched.at(w.endMs, () => {
      if (--depth === 0) set(true);
    });
  }
}
