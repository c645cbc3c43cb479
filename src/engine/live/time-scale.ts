/**
 * Which durations of a scenario a time scale shrinks below what the live engine can resolve. Timers,
 * a request's trip through the loopback and the HTTP stack each take a fraction of a millisecond of
 * wall time; a duration scaled below ~2 ms is mostly that overhead, so the live run's latencies there
 * no longer mean what the scenario says. The run goes ahead; the user is told which values.
 */
import type { Dist } from '../../core/random/distributions.js';
import type { Scenario } from '../../core/scenario/types.js';

/** Wall milliseconds below which a scaled duration is reported. */
export const RESOLVABLE_WALL_MS = 2;

export interface ScaledDuration {
  /** Where in the scenario, e.g. `backend.stages.api.service`. */
  path: string;
  scenarioMs: number;
  wallMs: number;
}

function isDist(v: unknown): v is Dist {
  return typeof v === 'object' && v !== null && typeof (v as { dist?: unknown }).dist === 'string';
}

/** A distribution's typical value (its median or mean), for each component of a mixture. */
function typical(d: Dist, path: string, out: Array<[string, number]>): void {
  switch (d.dist) {
    case 'fixed':
      out.push([path, d.value]);
      return;
    case 'uniform':
      out.push([path, (d.min + d.max) / 2]);
      return;
    case 'exponential':
    case 'normal':
      out.push([path, d.mean]);
      return;
    case 'lognormal':
      out.push([path, Math.exp(d.mu)]);
      return;
    case 'pareto':
      out.push([path, d.scale]);
      return;
    case 'mixture':
      d.of.forEach((c, i) => {
        typical(c.dist, `${path}.of[${i}]`, out);
      });
      return;
  }
}

/** Every duration of the scenario (and of the policies that will run), with its path. */
function durations(value: unknown, path: string, out: Array<[string, number]>): void {
  if (isDist(value)) {
    typical(value, path, out);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      durations(v, `${path}[${i}]`, out);
    });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [k, v] of Object.entries(value)) {
    const p = path === '' ? k : `${path}.${k}`;
    // Instants (`atMs`) are positions on the timeline, not spans a timer has to resolve.
    if (typeof v === 'number' && k.endsWith('Ms') && k !== 'atMs') out.push([p, v]);
    else if (typeof v === 'number' && k === 'ratePerSec' && v > 0)
      out.push([`${p} (gap between arrivals)`, 1000 / v]);
    else durations(v, p, out);
  }
}

export function scaledBelowResolution(
  scenario: Scenario,
  timeScale: number,
  policies: readonly string[] = Object.keys(scenario.policies),
): ScaledDuration[] {
  const all: Array<[string, number]> = [];
  durations(scenario.backend, 'backend', all);
  durations(scenario.workload, 'workload', all);
  durations(scenario.faults, 'faults', all);
  for (const p of policies) durations(scenario.policies[p], `policies.${p}`, all);
  return all
    .filter(([, ms]) => ms > 0 && Number.isFinite(ms) && ms * timeScale < RESOLVABLE_WALL_MS)
    .map(([path, ms]) => ({ path, scenarioMs: ms, wallMs: ms * timeScale }));
}

function fmt(ms: number): string {
  return ms >= 100 ? `${Math.round(ms)} ms` : `${Number(ms.toPrecision(2))} ms`;
}

/** One line for stderr, or null when every duration stays resolvable. */
export function timeScaleWarning(
  scenario: Scenario,
  timeScale: number,
  policies?: readonly string[],
): string | null {
  const low = scaledBelowResolution(scenario, timeScale, policies);
  if (low.length === 0) return null;
  const shown = low
    .slice(0, 4)
    .map((d) => `${d.path} ${fmt(d.scenarioMs)} → ${fmt(d.wallMs)}`)
    .join(', ');
  const more = low.length > 4 ? ` and ${low.length - 4} more` : '';
  return (
    `warning: --time-scale ${timeScale} makes ${low.length === 1 ? 'a duration' : `${low.length} durations`} shorter than ` +
    `~${RESOLVABLE_WALL_MS} ms of wall time, below what timers and the HTTP stack resolve: ${shown}${more}; ` +
    'latencies there will be mostly overhead (use a larger --time-scale)'
  );
}
