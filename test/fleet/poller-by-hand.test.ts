/**
 * The poller is a sans-IO state machine: driven here by hand, with no simulator, no timers and no sockets.
 */
import { describe, expect, it } from 'vitest';
import type { RequestOutcome } from '../../src/core/client/request-machine.js';
import { Poller } from '../../src/core/fleet/poller.js';
import { basePolicy } from '../support/scenario.js';

const ok: RequestOutcome = { kind: 'ok', attempts: 1, latencyMs: 30 };
const timeout: RequestOutcome = { kind: 'failed', failure: 'timeout', attempts: 1, retryDenied: false };
const err5xx: RequestOutcome = { kind: 'failed', failure: '5xx', attempts: 1, retryDenied: false };
const noRandom = { next: () => 0.5 };

describe('Poller, driven by hand', () => {
  it("replays the seed's loop: poll, sleep 5 s, ERROR on timeout, retry 5 s later, done when terminal", () => {
    const p = new Poller(basePolicy(), noRandom, false);
    expect(p.start(0)).toEqual([{ kind: 'request', endpoint: 'poll' }]);
    expect(p.result(30, ok, false)).toEqual([{ kind: 'sleep', untilMs: 5030 }]);
    expect(p.wake(5030)).toEqual([{ kind: 'request', endpoint: 'poll' }]);
    expect(p.result(65_030, timeout, false)).toEqual([
      { kind: 'log', level: 'error', failure: 'timeout', consecutive: 1 },
      { kind: 'sleep', untilMs: 70_030 },
    ]);
    expect(p.wake(70_030)).toEqual([{ kind: 'request', endpoint: 'poll' }]);
    expect(p.result(70_060, ok, true)).toEqual([{ kind: 'done', outcome: 'completed' }]);
    expect(p.polls).toBe(3);
  });

  it('calls create first, then polls', () => {
    const p = new Poller(basePolicy(), noRandom, true);
    expect(p.start(0)).toEqual([{ kind: 'request', endpoint: 'create' }]);
    expect(p.result(40, ok, false)).toEqual([{ kind: 'request', endpoint: 'poll' }]);
  });

  it('backs off exponentially between failed polls and resets after a success', () => {
    const policy = basePolicy({
      backoff: { kind: 'exponential', baseMs: 5000, factor: 2, maxMs: 120_000, jitter: 'none' },
      onFailure: { log: 'warning', retryAfterMs: 5000, giveUpAfter: Number.POSITIVE_INFINITY, crashOn: [] },
    });
    const p = new Poller(policy, noRandom, false);
    p.start(0);
    const sleeps: number[] = [];
    let now = 0;
    for (let i = 0; i < 7; i++) {
      const actions = p.result(now, err5xx, false);
      const sleep = actions.find((a) => a.kind === 'sleep');
      if (sleep?.kind !== 'sleep') throw new Error('expected a sleep');
      sleeps.push(sleep.untilMs - now);
      now = sleep.untilMs;
      p.wake(now);
    }
    expect(sleeps).toEqual([5000, 10_000, 20_000, 40_000, 80_000, 120_000, 120_000]);
    expect(p.result(now, ok, false)).toEqual([{ kind: 'sleep', untilMs: now + 5000 }]);
    p.wake(now + 5000);
    const again = p.result(now + 5000, err5xx, false);
    expect(again[1], 'backoff starts over after a success').toEqual({ kind: 'sleep', untilMs: now + 10_000 });
  });

  it('gives up after giveUpAfter consecutive failures', () => {
    const policy = basePolicy({
      onFailure: { log: 'warning', retryAfterMs: 1000, giveUpAfter: 3, crashOn: [] },
    });
    const p = new Poller(policy, noRandom, false);
    p.start(0);
    expect(p.result(1, timeout, false).at(-1)).toEqual({ kind: 'sleep', untilMs: 1001 });
    expect(p.result(2, timeout, false).at(-1)).toEqual({ kind: 'sleep', untilMs: 1002 });
    expect(p.result(3, timeout, false)).toEqual([
      { kind: 'log', level: 'warning', failure: 'timeout', consecutive: 3 },
      { kind: 'done', outcome: 'failed' },
    ]);
  });

  it('a failure listed in crashOn crashes the worker; others do not', () => {
    const policy = basePolicy({
      onFailure: { log: 'error', retryAfterMs: 5000, giveUpAfter: Number.POSITIVE_INFINITY, crashOn: ['timeout'] },
    });
    const p = new Poller(policy, noRandom, false);
    p.start(0);
    expect(p.result(10, err5xx, false).at(-1)?.kind).toBe('sleep');
    expect(p.result(20, timeout, false)).toEqual([
      { kind: 'log', level: 'error', failure: 'timeout', consecutive: 2 },
      { kind: 'crash', failure: 'timeout' },
    ]);
  });

  it('a local refusal (breaker open) logs at info and never crashes', () => {
    const policy = basePolicy({
      onFailure: { log: 'error', retryAfterMs: 5000, giveUpAfter: Number.POSITIVE_INFINITY, crashOn: ['timeout'] },
    });
    const p = new Poller(policy, noRandom, false);
    p.start(0);
    expect(p.result(0, { kind: 'rejected', attempts: 0, by: 'breaker' }, false)).toEqual([
      { kind: 'log', level: 'info', failure: 'rejected', consecutive: 1 },
      { kind: 'sleep', untilMs: 5000 },
    ]);
  });
});
