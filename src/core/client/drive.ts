/**
 * Runs a RequestMachine to completion: interprets its actions against a Transport and a Scheduler and
 * feeds the results back. This loop is the same in both engines.
 */
import type { Scheduler } from '../scheduler.js';
import type { TimeoutPolicy } from '../scenario/types.js';
import type { AttemptResult, RequestAction, RequestMachine, RequestOutcome } from './request-machine.js';
import type { Transport } from './transport.js';

export interface RequestObserver {
  attemptSent(now: number): void;
  attemptDone(now: number, result: AttemptResult): void;
  done(now: number, outcome: RequestOutcome): void;
}

export interface RequestTarget {
  endpoint: string;
  key: number;
  timeout: TimeoutPolicy;
}

export function driveRequest(
  machine: RequestMachine,
  target: RequestTarget,
  sched: Scheduler,
  transport: Transport,
  observer: RequestObserver,
): void {
  const onResult = (now: number, result: AttemptResult): void => {
    observer.attemptDone(now, result);
    step(machine.result(now, result));
  };
  const wake = (now: number): void => step(machine.wake(now));
  const step = (action: RequestAction): void => {
    switch (action.kind) {
      case 'send':
        observer.attemptSent(sched.now());
        transport.send(target.endpoint, target.key, target.timeout, onResult);
        return;
      case 'sleep':
        sched.at(action.untilMs, wake);
        return;
      case 'done':
        observer.done(sched.now(), action.outcome);
        return;
    }
  };
  step(machine.start(sched.now()));
}
