/**
 * The port through which a client's attempts reach a backend. The simulator's transport calls the backend
 * model directly and enforces timeouts with virtual timers; the live engine's sends real HTTP with undici.
 */
import type { TimeoutPolicy } from '../scenario/types.js';
import type { AttemptResult } from './request-machine.js';

export interface Transport {
  send(
    endpoint: string,
    key: number,
    timeout: TimeoutPolicy,
    onResult: (now: number, result: AttemptResult) => void,
  ): void;
}
