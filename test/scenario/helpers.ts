/** Small scenario builders for the scenario tests. */
import { type Scenario, type ScenarioInput, scenarioFromValue } from '../../src/core/scenario/index.js';

/** A valid minimal scenario; `patch` replaces top-level sections. */
export function minimal(patch: Partial<Record<keyof ScenarioInput, unknown>> = {}): Record<string, unknown> {
  return {
    name: 'minimal',
    duration: '10m',
    backend: { endpoints: { events: { stages: ['api'] } }, stages: { api: {} } },
    workload: {
      fleet: {
        workers: 1,
        endpoint: 'events',
        jobs: { arrival: { kind: 'batch', count: 1 }, runtime: '1m' },
      },
    },
    ...patch,
  };
}

/** Normalizes or fails the test with the problems. */
export function normalized(raw: unknown): Scenario {
  const result = scenarioFromValue(raw);
  if (!result.ok) throw new Error(`unexpected problems:\n${result.problems.join('\n')}`);
  return result.scenario;
}

/** The problems of a scenario that must be rejected. */
export function problems(raw: unknown): string[] {
  const result = scenarioFromValue(raw);
  if (result.ok) throw new Error('expected problems, the scenario was accepted');
  return result.problems;
}
