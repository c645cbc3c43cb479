/**
 * Faults: a window (`at`, `for`, flapping `every`/`times`) and a target, a stage or traffic sources.
 */
import { normalizeDist } from './normalize-dist.js';
import { type Issues, ms, notDefined } from './normalize-units.js';
import type { Path } from './problems.js';
import type { RawFault } from './schema.js';
import type { Fault, Scenario } from './types.js';

type World = Pick<Scenario, 'backend' | 'workload'>;

/** One fault window; `world` supplies the stage and traffic source names it may target. */
export function normalizeFault(raw: RawFault, path: Path, world: World, issues: Issues): Fault {
  const window: { atMs: number; forMs: number; everyMs?: number; times?: number } = {
    atMs: ms(raw.at),
    forMs: issues.positive(raw.for, [...path, 'for']),
  };
  if (raw.every !== undefined) {
    window.everyMs = ms(raw.every);
    if (!(window.everyMs > window.forMs)) {
      issues.add([...path, 'every'], `expected longer than for (${raw.for}), got "${raw.every}"`);
    }
  }
  if (raw.times !== undefined) {
    if (raw.every === undefined) issues.add([...path, 'times'], 'only with every (a repeating window)');
    window.times = raw.times;
  }
  if (raw.kind === 'load') {
    const sources = Object.keys(world.workload.traffic);
    if (raw.source !== undefined && raw.sources !== undefined) {
      issues.add(path, 'give source or sources, not both');
    }
    const named = raw.sources ?? (raw.source === undefined ? undefined : [raw.source]);
    const at = raw.sources === undefined ? [...path, 'source'] : [...path, 'sources'];
    named?.forEach((s, i) => {
      if (!sources.includes(s)) {
        issues.add(raw.sources === undefined ? at : [...at, i], notDefined('traffic source', s, sources));
      }
    });
    if (named === undefined && sources.length === 0) {
      issues.add(path, 'a load fault needs a traffic source to multiply');
    }
    const target = named === undefined ? {} : { sources: named };
    return { kind: 'load', ...target, factor: raw.factor, ...window };
  }
  const stages = Object.keys(world.backend.stages);
  if (!stages.includes(raw.stage)) issues.add([...path, 'stage'], notDefined('stage', raw.stage, stages));
  const stage = raw.stage;
  switch (raw.kind) {
    case 'latency':
      return {
        kind: 'latency',
        stage,
        latency: normalizeDist(raw.latency, [...path, 'latency'], issues),
        ...window,
      };
    case 'capacity':
      return { kind: 'capacity', stage, concurrency: raw.concurrency, ...window };
    case 'errors':
      return { kind: 'errors', stage, status: raw.status ?? 500, rate: raw.rate ?? 1, ...window };
    case 'slowBody':
      return { kind: 'slowBody', stage, bytesPerSec: raw.bytesPerSec, ...window };
    default:
      return { kind: raw.kind, stage, ...window };
  }
}
