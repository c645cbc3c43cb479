/** `--time-scale` warns about the scenario durations it shrinks below ~2 ms of wall time, by path. */
import { expect, it } from 'vitest';
import { scaledBelowResolution, timeScaleWarning } from '../../src/engine/live/time-scale.js';
import { crossValidation } from './scenarios.js';

it('names each duration that scales below 2 ms, and nothing at a scale where all resolve', () => {
  const s = crossValidation();
  expect(timeScaleWarning(s, 1)).toBeNull();
  const low = scaledBelowResolution(s, 0.1);
  expect(low.map((d) => d.path)).toEqual(['backend.stages.api.service']);
  expect(low[0]?.wallMs).toBeCloseTo(0.5);
  const paths = scaledBelowResolution(s, 0.001).map((d) => d.path);
  expect(paths).toContain('backend.stages.postgrest.service');
  expect(paths).toContain('faults[1].latency');
  expect(paths, 'instants are not durations').not.toContain('faults[0].atMs');
});

it('is one line that names the values and what to do', () => {
  const line = timeScaleWarning(crossValidation(), 0.1) as string;
  expect(line).toBe(
    'warning: --time-scale 0.1 makes a duration shorter than ~2 ms of wall time, below what timers and the ' +
      'HTTP stack resolve: backend.stages.api.service 5 ms → 0.5 ms; latencies there will be mostly overhead ' +
      '(use a larger --time-scale)',
  );
  expect(line).not.toContain('\n');
});
