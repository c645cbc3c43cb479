/**
 * The shipped seed-incident scenario reproduces INCIDENT.md under the seed's policy, and at least one
 * shipped policy ends it without costing throughput.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/core/scenario/index.js';
import { simulateScenario } from '../../src/engine/sim/index.js';

function load(file: string) {
  const parsed = parseScenarioText(readFileSync(file, 'utf8'), 'yaml', file);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.scenario;
}

describe('scenarios/seed-incident.yaml', () => {
  const summary = simulateScenario(load('scenarios/seed-incident.yaml'));
  const byPolicy = new Map(summary.runs.map((r) => [r.policy, r.metrics]));
  const seed = byPolicy.get('seed-default');

  it('seed-default shows the cascade: most of the fleet times out together, logged at ERROR', () => {
    expect(seed, 'the seed-default policy ran').toBeDefined();
    expect(seed?.['cascade.peakWorkersTimingOut'] as number, 'workers timing out within 5 s').toBeGreaterThanOrEqual(4);
    expect(seed?.['logs.error'] as number).toBeGreaterThan(0);
    expect(seed?.['poll.timeouts'] as number).toBeGreaterThan(0);
  });

  it('another shipped policy has no ERROR logs, no more timeouts and no lower throughput', () => {
    const better = [...byPolicy.entries()].filter(
      ([name, m]) =>
        name !== 'seed-default' &&
        m['logs.error'] === 0 &&
        (m['poll.timeouts'] as number) <= (seed?.['poll.timeouts'] as number) &&
        (m['jobs.throughputPerMin'] as number) >= (seed?.['jobs.throughputPerMin'] as number),
    );
    expect(better.map(([name]) => name)).toContain('recommended');
  });

  it('all policies saw the same jobs (common random numbers)', () => {
    const submitted = summary.runs.map((r) => r.metrics['jobs.submitted']);
    expect(new Set(submitted).size).toBe(1);
    const ui = summary.runs.map((r) => r.metrics['traffic.ui.requests']);
    expect(new Set(ui).size, 'the pinned UI source sends the same requests in every run').toBe(1);
  });
});
