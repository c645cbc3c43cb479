/**
 * DESIGN §2, stage `downstreamTimeout`: how long a stage waits for the next one before answering 504.
 * When it fires the upstream slot is freed at once; the downstream call is told its caller left, and keeps
 * working (wasted work) unless that stage cancels on abort.
 */
import { describe, expect, it } from 'vitest';
import { GATEWAY_TIMEOUT } from '../../src/core/model/backend.js';
import { Bench, stage, t } from './harness.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });

/** api: one slot, 10 ms, waits 100 ms for db; db: one slot, 300 ms. */
function chain(dbCancels: boolean): Bench {
  return new Bench({
    stages: {
      api: stage(1, fixed(10), { downstreamTimeoutMs: 100 }),
      db: stage(1, fixed(300), { cancelOnClientAbort: dbCancels }),
    },
  });
}

describe('downstream timeout', () => {
  it('answers 504 after the timeout and frees the upstream slot; the downstream work goes on', () => {
    const bench = chain(false).send(0, 'a').send(20, 'b');
    const api = () => bench.stage('api');
    const db = () => bench.stage('db');
    const at115 = bench.probe(115, () => [api().inflightNow, db().inflightNow, db().queuedNow]);
    const at400 = bench.probe(400, () => [api().inflightNow, db().inflightNow]);
    expect(bench.run(), 'replies').toEqual([
      [110, 'a', GATEWAY_TIMEOUT], // api 0..10, waits for db from 10: 504 at 110
      [220, 'b', GATEWAY_TIMEOUT], // api slot free at 110: api 110..120, db busy: 504 at 220
    ]);
    expect(GATEWAY_TIMEOUT, '504').toBe(504);
    expect(at115, 'at 115: [api inflight, db inflight, db queued]').toEqual([[1, 1, 0]]);
    expect(at400, 'at 400: [api inflight, db inflight]').toEqual([[0, 1]]);
    expect(t(api().stats.wait.mean()), 'api mean wait: b waited 110 - 20').toBe(t(90 / 2));
    // db serves a until 310 (abandoned at 110), then b 310..610 (abandoned at 220, started later).
    expect(db().stats.served, 'db served').toBe(2);
    expect(db().stats.abandoned, 'db abandoned').toBe(2);
    expect(db().stats.wastedMs, 'db wasted ms').toBe(310 - 110 + (610 - 310));
    expect(db().stats.cancelled, 'db cancelled').toBe(0);
  });

  it('a downstream stage that cancels on abort drops the work when the upstream gives up', () => {
    const bench = chain(true).send(0, 'a').send(20, 'b');
    const db = () => bench.stage('db');
    const at115 = bench.probe(115, () => [db().inflightNow, db().queuedNow]);
    const at230 = bench.probe(230, () => [db().inflightNow, db().queuedNow]);
    expect(bench.run(), 'replies').toEqual([
      [110, 'a', 504],
      [220, 'b', 504], // db took b at 120 (a's slot was freed at 110) but 300 ms > 100 ms
    ]);
    expect(at115, 'at 115: [db inflight, db queued]').toEqual([[0, 0]]);
    expect(at230, 'at 230: [db inflight, db queued]').toEqual([[0, 0]]);
    expect(db().stats.cancelled, 'db cancelled').toBe(2);
    expect(db().stats.served, 'db served').toBe(0);
    expect(db().stats.wastedMs, 'db wasted ms').toBe(0);
  });

  it('a downstream answer in time goes through and disarms the timer', () => {
    const bench = new Bench({
      stages: { api: stage(1, fixed(10), { downstreamTimeoutMs: 100 }), db: stage(1, fixed(50)) },
    });
    bench.send(0, 'a');
    expect(bench.run(), 'replies').toEqual([[60, 'a', 200]]);
    expect(bench.stage('api').stats.served, 'api served').toBe(1);
    expect(bench.stage('db').stats.abandoned, 'db abandoned').toBe(0);
  });
});
