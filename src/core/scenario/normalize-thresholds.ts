/**
 * Thresholds: `metric: [conditions]`. A threshold on a metric no run will report, or a condition that
 * does not parse, would silently never fail a CI gate, so both are problems.
 */
import { knownMetricNames, parseThresholdCondition } from './metrics.js';
import { type Issues, notDefined } from './normalize-units.js';
import type { RawScenario } from './schema.js';
import { didYouMean } from './suggest.js';
import type { Scenario } from './types.js';

type World = Pick<Scenario, 'backend' | 'workload'>;
type RawThresholds = NonNullable<RawScenario['thresholds']>;

/** Checks each threshold names a metric this scenario reports and each condition parses; canonical text. */
export function normalizeThresholds(
  raw: RawThresholds,
  world: World,
  issues: Issues,
): Record<string, string[]> {
  const known = knownMetricNames(world);
  const out: Record<string, string[]> = {};
  for (const [metric, given] of Object.entries(raw)) {
    const path = ['thresholds', metric];
    if (!known.includes(metric)) issues.add(path, unknownMetric(metric, known, world));
    const conditions = typeof given === 'string' ? [given] : given;
    out[metric] = conditions.map((text, i) => {
      const parsed = parseThresholdCondition(text);
      if (parsed === undefined) {
        const at = typeof given === 'string' ? path : [...path, i];
        issues.add(
          at,
          `expected a condition like "< 50", ">= 0.9" or "== false", got ${JSON.stringify(text)}`,
        );
        return text.trim();
      }
      return `${parsed.op} ${String(parsed.value)}`;
    });
  }
  return out;
}

function unknownMetric(metric: string, known: string[], world: World): string {
  const [group, entity] = metric.split('.');
  const unknown = `unknown metric "${metric}"`;
  if (group === 'stage' && entity !== undefined && !Object.hasOwn(world.backend.stages, entity)) {
    return `${unknown}: ${notDefined('stage', entity, Object.keys(world.backend.stages))}`;
  }
  if (group === 'traffic' && entity !== undefined && !Object.hasOwn(world.workload.traffic, entity)) {
    return `${unknown}: ${notDefined('traffic source', entity, Object.keys(world.workload.traffic))}`;
  }
  return `${unknown}${didYouMean(metric, known)}`;
}
