/**
 * DESIGN §7, live vs sim: one small scenario — a two-stage backend (api → postgrest), 20 Celery workers,
 * a 15 s PostgREST stall and a 20 s latency fault over 2 minutes — run by the simulator and by the live
 * engine (a fastify server on 127.0.0.1, undici pollers, real timers at a time scale of 0.1: 12 s of wall
 * time). Both drive the same state machines on the same seed, so job runtimes match draw for draw; what
 * differs is real time: timer lateness and the HTTP round trip (a fraction of a wall millisecond, a few
 * scenario milliseconds at this scale), which also shift which request gets which service draw.
 *
 * Required tolerances: jobs.completed 8%, poll.attempts 10%, poll.timeouts 25%, poll.latency.p50 30%.
 * Reached on a 2-core machine (five runs): completed 0–1%, attempts 1–3%, timeouts 0%, p50 5–13%, the
 * live p50 always above: the round trip adds to every request.
 */
import { expect, test } from 'vitest';
import { runLive } from '../../src/engine/live/index.js';
import { simulateScenario } from '../../src/engine/sim/index.js';
import { crossValidation } from './scenarios.js';

function relDiff(live: number, sim: number): number {
  return Math.abs(live - sim) / Math.abs(sim);
}

test('sim and live agree on throughput, attempts, timeouts and median latency', async () => {
  const scenario = crossValidation();
  const sim = simulateScenario(scenario).runs[0]?.metrics ?? {};
  const summary = await runLive(scenario, { timeScale: 0.1 });
  expect(summary.engine).toBe('live');
  expect(summary.partial).toBeUndefined();
  const live = summary.runs[0]?.metrics ?? {};

  const rows = (['jobs.completed', 'poll.attempts', 'poll.timeouts', 'poll.latency.p50'] as const).map(
    (k) => ({
      metric: k,
      sim: sim[k] as number,
      live: live[k] as number,
      diff: relDiff(live[k] as number, sim[k] as number),
    }),
  );
  // Printed so a failure (or a run by hand) shows every delta, not just the first one off.
  console.info(
    rows.map((r) => `${r.metric}: sim ${r.sim} live ${r.live} (${(r.diff * 100).toFixed(1)}%)`).join('\n'),
  );

  expect(sim['poll.timeouts'], 'the stall times polls out').toBeGreaterThan(20);
  expect(sim['jobs.completed'], 'enough jobs finish to compare').toBeGreaterThan(50);
  const [completed, attempts, timeouts, p50] = rows as [
    (typeof rows)[0],
    (typeof rows)[0],
    (typeof rows)[0],
    (typeof rows)[0],
  ];
  expect(completed.diff, 'jobs.completed within 8%').toBeLessThanOrEqual(0.08);
  expect(attempts.diff, 'poll.attempts within 10%').toBeLessThanOrEqual(0.1);
  expect(timeouts.diff, 'poll.timeouts within 25%').toBeLessThanOrEqual(0.25);
  expect(p50.diff, 'poll.latency.p50 within 30%').toBeLessThanOrEqual(0.3);
  // Same contract: every metric the simulator reports, the live engine reports.
  expect(Object.keys(live).sort()).toEqual(Object.keys(sim).sort());
}, 30_000);
