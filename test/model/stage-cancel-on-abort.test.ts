/**
 * DESIGN §2, stage `cancelOnClientAbort`: does work stop when the client gives up?
 * - false (sync Python): the work goes on and holds its slot; when it finishes it counts as `abandoned`
 *   and the time after the client left (or after it started, if later) as `wastedMs`. Nobody is answered.
 * - true: the work is dropped and its slot freed at once (`cancelled`); a call waiting on the next stage
 *   passes the abort on to it.
 */
import { describe, expect, it } from 'vitest';
import { Bench, stage } from './harness.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });

describe('cancelOnClientAbort on one stage', () => {
  // One slot, 100 ms. a starts at 0 and is abandoned at 30; b waits from 10; c waits from 20 and is
  // abandoned at 50 while still queued.
  const scenario = (cancel: boolean) =>
    new Bench({ stages: { s: stage(1, fixed(100), { cancelOnClientAbort: cancel }) } })
      .send(0, 'a')
      .send(10, 'b')
      .send(20, 'c')
      .abort(30, 'a')
      .abort(50, 'c');

  it('false: abandoned work is still served, counted in abandoned and wastedMs', () => {
    const bench = scenario(false);
    expect(bench.run(), 'replies').toEqual([[200, 'b', 200]]); // a holds the slot until 100
    const stats = bench.stage('s').stats;
    expect(stats.served, 'served').toBe(3);
    expect(stats.abandoned, 'abandoned').toBe(2);
    // a: 30..100 after its client left; c: its whole service 200..300 (it left while queued).
    expect(stats.wastedMs, 'wasted ms').toBe(70 + 100);
    expect(stats.cancelled, 'cancelled').toBe(0);
  });

  it('true: the work is dropped and the slot freed at once; queued work leaves the queue', () => {
    const bench = scenario(true);
    const at60 = bench.probe(60, () => [bench.stage('s').inflightNow, bench.stage('s').queuedNow]);
    expect(bench.run(), 'replies').toEqual([[130, 'b', 200]]); // b takes the slot at 30
    expect(at60, 'at 60: [inflight, queued]').toEqual([[1, 0]]);
    const stats = bench.stage('s').stats;
    expect(stats.cancelled, 'cancelled').toBe(2);
    expect(stats.served, 'served').toBe(1);
    expect(stats.abandoned, 'abandoned').toBe(0);
    expect(stats.wastedMs, 'wasted ms').toBe(0);
  });
});

describe('cancelOnClientAbort along a chain', () => {
  // api: one slot, 10 ms; db: one slot, 300 ms. a (0) is abandoned at 50 while db works on it (10..310);
  // b arrives at 60.
  const chain = (apiCancels: boolean, dbCancels: boolean) =>
    new Bench({
      stages: {
        api: stage(1, fixed(10), { cancelOnClientAbort: apiCancels }),
        db: stage(1, fixed(300), { cancelOnClientAbort: dbCancels }),
      },
    })
      .send(0, 'a')
      .abort(50, 'a')
      .send(60, 'b');

  it('both cancel: the abort propagates and both slots are free at once', () => {
    const bench = chain(true, true);
    expect(bench.run(), 'replies').toEqual([[370, 'b', 200]]); // api 60..70, db 70..370
    expect(bench.stage('api').stats.cancelled, 'api cancelled').toBe(1);
    expect(bench.stage('db').stats.cancelled, 'db cancelled').toBe(1);
    expect(bench.stage('db').stats.wastedMs, 'db wasted').toBe(0);
  });

  it('api cancels, db does not: the api slot is free, db finishes the abandoned query', () => {
    const bench = chain(true, false);
    expect(bench.run(), 'replies').toEqual([[610, 'b', 200]]); // api 60..70, db queue until 310, 310..610
    expect(bench.stage('api').stats.cancelled, 'api cancelled').toBe(1);
    expect(bench.stage('db').stats.abandoned, 'db abandoned').toBe(1);
    expect(bench.stage('db').stats.wastedMs, 'db wasted').toBe(310 - 50);
  });

  it('api does not cancel: it keeps its slot waiting on db, and the abort goes no further', () => {
    const bench = chain(false, true);
    expect(bench.run(), 'replies').toEqual([[620, 'b', 200]]); // api slot free at 310: 310..320, db 320..620
    expect(bench.stage('db').stats.cancelled, 'db cancelled').toBe(0);
    expect(bench.stage('db').stats.abandoned, 'db abandoned').toBe(0);
    expect(bench.stage('api').stats.abandoned, 'api abandoned').toBe(1);
    expect(bench.stage('api').stats.wastedMs, 'api wasted').toBe(310 - 50);
  });

  it('the abort travels down a three-stage chain of cancelling stages', () => {
    // api, mid: 10 ms each; db: 300 ms; one slot each. a is in db (20..320) when it is abandoned at 50.
    const cancelling = (ms: number) => stage(1, fixed(ms), { cancelOnClientAbort: true });
    const bench = new Bench({ stages: { api: cancelling(10), mid: cancelling(10), db: cancelling(300) } })
      .send(0, 'a')
      .abort(50, 'a')
      .send(60, 'b');
    expect(bench.run(), 'replies').toEqual([[380, 'b', 200]]); // api 60..70, mid 70..80, db 80..380
    for (const name of ['api', 'mid', 'db']) {
      expect(bench.stage(name).stats.cancelled, `${name} cancelled`).toBe(1);
    }
  });
});
